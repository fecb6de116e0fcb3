package dumper.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.MDC;

import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.export.BatchExport;
import dumper.export.RunContext;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
import dumper.plan.Batch;

/**
 * Exports a run's missing batches in this process, up to {@code plan.threads()} at once, each
 * thread on its own connection. Batches are handed out in order and each lands in its own
 * part, so the file is the same whatever the thread count. After a failure no new batch is
 * started; those in flight finish and are kept for the next attempt.
 */
final class LocalBatches implements BatchExecution {

    private final BatchExport export;
    private final SourceDatabase database;
    private final SourceConnection first;

    /** {@code first} is the run's own connection, used by the first thread. */
    LocalBatches(BatchExport export, SourceDatabase database, SourceConnection first) {
        this.export = export;
        this.database = database;
        this.first = first;
    }

    @Override
    public void exportMissing(RunContext run, List<Batch> missing) throws IOException {
        int threads = Math.min(run.plan().threads(), missing.size());
        Queue<Batch> queue = new ConcurrentLinkedQueue<>(missing);
        if (threads <= 1) {
            drain(run, queue, first, new AtomicBoolean());
            return;
        }
        RunContext shared = run.serialized();
        AtomicBoolean failed = new AtomicBoolean();
        Map<String, Object> logContext = MDC.getMap();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "dumper-export"));
        try {
            List<Future<Void>> exporters = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                boolean ownConnection = i > 0;
                exporters.add(pool.submit(() -> {
                    logContext.forEach(MDC::put);
                    if (!ownConnection) {
                        return drain(shared, queue, first, failed);
                    }
                    try (SourceConnection own = new SourceConnection(database, run.plan().type().datasource())) {
                        return drain(shared, queue, own, failed);
                    }
                }));
            }
            rethrowFirstFailure(exporters);
        } finally {
            pool.shutdownNow();
        }
    }

    private Void drain(RunContext run, Queue<Batch> queue, SourceConnection source, AtomicBoolean failed)
            throws IOException {
        try {
            for (Batch batch; !failed.get() && (batch = queue.poll()) != null;) {
                run.cancellation().check();
                export.export(run, batch, source);
            }
            return null;
        } catch (IOException | RuntimeException | Error e) {
            failed.set(true);
            throw e;
        }
    }

    /** Waits for every thread, then throws the first failure that is not merely a stop. */
    private static void rethrowFirstFailure(List<Future<Void>> exporters) throws IOException {
        Throwable failure = null;
        for (Future<Void> exporter : exporters) {
            try {
                exporter.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while exporting");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (failure == null || isStop(failure) && !isStop(cause)) {
                    failure = cause;
                }
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }

    private static boolean isStop(Throwable t) {
        return t instanceof DumperException d && d.exitCode == ExitCode.INTERRUPTED;
    }
}
