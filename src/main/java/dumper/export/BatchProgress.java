package dumper.export;

import dumper.plan.Batch;

/** Hears how the batches of a run advance while they are exported: for progress lines, the API and metrics. */
public interface BatchProgress {

    /** Hears nothing: a worker's batch, whose progress the coordinator reports. */
    BatchProgress NONE = new BatchProgress() {
    };

    default void batchStarted(Batch batch) {
    }

    /** Rows and uncompressed bytes written so far in the current batch. */
    default void progress(Batch batch, long rows, long bytes) {
    }

    default void batchFinished(Batch batch, long rows, long bytes) {
    }

    /** The source guard holds {@code batch}: why ({@code Threads_running 41 > 30}), or null once it goes on. */
    default void held(Batch batch, String reason) {
    }

    /** A batch (or the query's check) is started again after a transient database failure. */
    default void retried() {
    }

    /** {@code progress} for threads that export batches at once: one call at a time. */
    static BatchProgress serialized(BatchProgress progress) {
        return new BatchProgress() {
            @Override
            public synchronized void batchStarted(Batch batch) {
                progress.batchStarted(batch);
            }

            @Override
            public synchronized void progress(Batch batch, long rows, long bytes) {
                progress.progress(batch, rows, bytes);
            }

            @Override
            public synchronized void batchFinished(Batch batch, long rows, long bytes) {
                progress.batchFinished(batch, rows, bytes);
            }

            @Override
            public synchronized void held(Batch batch, String reason) {
                progress.held(batch, reason);
            }

            @Override
            public synchronized void retried() {
                progress.retried();
            }
        };
    }
}
