package dumper.run;

import dumper.export.BatchProgress;
import dumper.plan.Batch;
import dumper.plan.RunPlan;

/**
 * Hears how a run advances: the progress lines of the command line, the run as the API shows
 * it ({@link RunRecord}) and the metrics ({@link RunMetrics}).
 */
public interface RunListener extends BatchProgress {

    default void started(RunPlan plan) {
    }

    default void batchSkipped(Batch batch) {
    }

    default void finished(RunResult result) {
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
            public void held(Batch batch, String reason) {
                for (RunListener l : listeners) {
                    l.held(batch, reason);
                }
            }

            @Override
            public void retried() {
                for (RunListener l : listeners) {
                    l.retried();
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
