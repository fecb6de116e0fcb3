package dumper.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dumper.plan.Batch;

/**
 * Rows and uncompressed bytes of a run so far: its finished batches plus each batch in flight.
 * Updated by the exporting threads, readable from any thread (the API reads it while a run goes).
 */
final class RunProgress {

    private final AtomicLong rowsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final Map<Integer, long[]> inFlight = new ConcurrentHashMap<>();

    void update(Batch batch, long rows, long bytes) {
        inFlight.put(batch.number(), new long[] {rows, bytes});
    }

    void finished(Batch batch, long rows, long bytes) {
        inFlight.remove(batch.number());
        rowsDone.addAndGet(rows);
        bytesDone.addAndGet(bytes);
    }

    long rows() {
        return rowsDone.get() + inFlight.values().stream().mapToLong(p -> p[0]).sum();
    }

    long bytes() {
        return bytesDone.get() + inFlight.values().stream().mapToLong(p -> p[1]).sum();
    }
}
