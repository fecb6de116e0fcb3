package dumper.run;

import dumper.plan.Batch;
import dumper.plan.RunPlan;

/** Hears how a run advances, for progress output now and for the API and metrics later. */
public interface RunListener {

    default void started(RunPlan plan) {
    }

    default void batchSkipped(Batch batch) {
    }

    default void batchStarted(Batch batch) {
    }

    /** Rows and uncompressed bytes written so far in the current batch. */
    default void progress(Batch batch, long rows, long bytes) {
    }

    default void batchFinished(Batch batch, long rows, long bytes) {
    }

    default void finished(RunResult result) {
    }

    /** {@code listener} for threads that export batches at once: one call at a time. */
    static RunListener serialized(RunListener listener) {
        return new RunListener() {
            @Override
            public synchronized void started(RunPlan plan) {
                listener.started(plan);
            }

            @Override
            public synchronized void batchSkipped(Batch batch) {
                listener.batchSkipped(batch);
            }

            @Override
            public synchronized void batchStarted(Batch batch) {
                listener.batchStarted(batch);
            }

            @Override
            public synchronized void progress(Batch batch, long rows, long bytes) {
                listener.progress(batch, rows, bytes);
            }

            @Override
            public synchronized void batchFinished(Batch batch, long rows, long bytes) {
                listener.batchFinished(batch, rows, bytes);
            }

            @Override
            public synchronized void finished(RunResult result) {
                listener.finished(result);
            }
        };
    }

    /** One listener that tells each of {@code listeners}, in order. */
    static RunListener all(RunListener... listeners) {
        return new RunListener() {
            @Override
            public void started(RunPlan plan) {
                for (RunListener l : listeners) {
                    l.started(plan);
                }
            }

            @Override
            public void batchSkipped(Batch batch) {
                for (RunListener l : listeners) {
                    l.batchSkipped(batch);
                }
            }

            @Override
            public void batchStarted(Batch batch) {
                for (RunListener l : listeners) {
                    l.batchStarted(batch);
                }
            }

            @Override
            public void progress(Batch batch, long rows, long bytes) {
                for (RunListener l : listeners) {
                    l.progress(batch, rows, bytes);
                }
            }

            @Override
            public void batchFinished(Batch batch, long rows, long bytes) {
                for (RunListener l : listeners) {
                    l.batchFinished(batch, rows, bytes);
                }
            }

            @Override
            public void finished(RunResult result) {
                for (RunListener l : listeners) {
                    l.finished(result);
                }
            }
        };
    }
}
