package dumper.guard;

import java.util.Set;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * One batch's pass through the guard: given once the source lets it read, told of its rows as
 * they stream, so that it reads at the pace and under the caps that apply, holds when the source
 * holds, and ends at once when it must yield. Closed when the batch ends, however it ends.
 */
public final class Ticket implements AutoCloseable {

    /** Nothing to wait for: the guard is off. */
    static final Ticket UNGUARDED = new Ticket(null, null, null, null, null, null, null);

    private static final Logger LOG = Logger.getLogger("dumper.guard");

    private static final long WAIT_STEP_MILLIS = 100;
    private static final long SPEED_WINDOW_NANOS = 500_000_000L;

    private final SourceGuard guard;
    private final SourceMonitor monitor;
    final String type;
    final String database;
    final Set<String> queryWords;
    private final Cancellation cancellation;
    private final Runnable abort;
    private Consumer<String> onHold = reason -> { };
    private volatile String yieldReason;
    private long lastRows;
    private long lastBytes;
    private long chunkStarted = System.nanoTime();
    /** Rows and time read at full pace since the speed was last measured. */
    private long fullRows;
    private long fullNanos;

    Ticket(SourceGuard guard, SourceMonitor monitor, String type, String database, Set<String> queryWords,
            Cancellation cancellation, Runnable abort) {
        this.guard = guard;
        this.monitor = monitor;
        this.type = type;
        this.database = database;
        this.queryWords = queryWords;
        this.cancellation = cancellation;
        this.abort = abort;
    }

    Ticket onHold(Consumer<String> listener) {
        this.onHold = listener;
        return this;
    }

    /** Whether the guard ended this batch (its connection was aborted to yield to a DDL statement). */
    public boolean yielded() {
        return yieldReason != null;
    }

    /** Why the batch yielded, or null. */
    public String yieldReason() {
        return yieldReason;
    }

    /** Ends the batch at once: its query's connection is aborted, so its metadata lock goes. */
    void yieldNow(String reason) {
        if (yieldReason == null) {
            yieldReason = reason;
            abort.run();
        }
    }

    /**
     * {@code rows} and {@code bytes} written so far by the batch (they restart at 0 when a split
     * batch starts again): waits as long as the pace and the caps ask, and while the source holds,
     * up to {@code hold-in-batch}, after which the batch yields.
     */
    public void rows(long rows, long bytes) {
        if (monitor == null) {
            return;
        }
        if (rows < lastRows) {
            lastRows = 0;
            lastBytes = 0;
        }
        long busy = System.nanoTime() - chunkStarted;
        long wait = Math.max(paced(rows - lastRows, busy),
                guard.reserve(monitor.datasource, type, rows - lastRows, bytes - lastBytes));
        lastRows = rows;
        lastBytes = bytes;
        pause(wait);
        awaitClearance(true);
        chunkStarted = System.nanoTime();
    }

    /**
     * Nanoseconds to wait after {@code rows} more read in {@code busy}, so that the batch reads at
     * the pace times its type's speed at full pace. The speed must be the server's, not the
     * time this thread spent: the server runs ahead into the socket's buffers, so a batch that
     * only waited a share of its own reading time would slow down the server only once the
     * pace fell below the reader's lead over it.
     */
    private long paced(long rows, long busy) {
        if (rows <= 0 || busy <= 0) {
            return 0;
        }
        double pace = monitor.pace();
        if (pace >= 1) {
            // Measured over half a second or more: a step alone may have been read from the
            // socket's buffer at the reader's speed rather than the server's.
            fullRows += rows;
            fullNanos += busy;
            if (fullNanos >= SPEED_WINDOW_NANOS) {
                monitor.fullSpeed(type, fullRows / (double) fullNanos);
                fullRows = 0;
                fullNanos = 0;
            }
            return 0;
        }
        fullRows = 0;
        fullNanos = 0;
        double full = monitor.fullSpeed(type);
        // No speed at full pace yet (the run began paced): a duty cycle of its own reading time.
        long target = Double.isNaN(full) ? (long) (busy / pace) : (long) (rows / (full * pace));
        return Math.max(0, target - busy);
    }

    /**
     * Waits until the source lets this batch read; inside a batch, at most {@code hold-in-batch}.
     * Before it (not {@code inBatch}), also until it is admitted: while batches read one at a
     * time, until no other one reads. Waiting for its turn is no hold: {@code critical-wait} and
     * {@code hold-in-batch} count from when the present hold began.
     */
    void awaitClearance(boolean inBatch) {
        Hold shown = null;
        long holdBegan = 0;
        boolean queued = false;
        monitor.waiting(true);
        try {
            while (true) {
                checkYield();
                cancellation.check();
                Hold hold = guard.holdFor(monitor, this);
                if (hold == null) {
                    if (shown != null) {
                        holdEnded(shown, holdBegan);
                        shown = null;
                    }
                    if (inBatch) {
                        return;
                    }
                    if (monitor.admit(this)) {
                        // The batch reads from now: time spent waiting to begin is no reading time,
                        // which its pace and its type's speed are measured in.
                        chunkStarted = System.nanoTime();
                        return;
                    }
                    if (!queued) {
                        queued = true;
                        LOG.debugf("guard: a batch of %s waits for the one reading from datasource %s (one at a time while "
                                + "the load is high)", type, monitor.datasource);
                    }
                    awaitChange();
                    continue;
                }
                if (shown == null) {
                    holdBegan = System.nanoTime();
                }
                long waited = System.nanoTime() - holdBegan;
                Hold critical = monitor.critical();
                if (critical != null && (!guard.waitsOutCritical() || waited > guard.settings().criticalWait().toNanos())) {
                    throw new DumperException(ExitCode.SOURCE_CRITICAL, "source " + monitor.datasource + " is " + critical.text()
                            + "; finished batches are kept, run the same command again to resume once the source recovers");
                }
                if (inBatch && ("ddl".equals(hold.reason()) || waited > guard.settings().holdInBatch().toNanos())) {
                    // The stream may not stand still longer (net_write_timeout), nor keep a table from its DDL.
                    throw new Yielded(hold.text());
                }
                if (shown == null || !shown.text().equals(hold.text())) {
                    shown = hold;
                    onHold.accept(hold.text());
                }
                awaitChange();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Cancellation.stopped(e);
        } finally {
            monitor.waiting(false);
            if (shown != null) {
                holdEnded(shown, holdBegan);
            }
        }
    }

    /** The run goes on (or ends) after a hold: its time goes to the metrics and the run view no longer shows it. */
    private void holdEnded(Hold hold, long began) {
        guard.metrics().held(monitor.datasource, hold.reason(), (System.nanoTime() - began) / 1e9);
        onHold.accept(null);
    }

    /** Until the monitor's next sample, an operator's change or a batch's end, at most a step. */
    private void awaitChange() throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(WAIT_STEP_MILLIS);
        }
    }

    private void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = until - System.nanoTime()) {
                checkYield();
                cancellation.check();
                Thread.sleep(Math.min(WAIT_STEP_MILLIS, Math.max(1, left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Cancellation.stopped(e);
        }
    }

    private void checkYield() {
        if (yieldReason != null) {
            throw new Yielded(yieldReason);
        }
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.left(this);
        }
    }
}
