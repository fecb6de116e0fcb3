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
}
