package dumper.export;

import java.io.IOException;

import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;

/**
 * What every batch of one run is exported with: its plan, its staging area, who hears its
 * progress, and what stops it. Made once per run (or per batch a worker receives).
 */
public record RunContext(RunPlan plan, StagedOutput staged, BatchProgress progress, Cancellation cancellation) {

    /** The same run, its progress told one call at a time: for threads that export batches at once. */
    public RunContext serialized() {
        return new RunContext(plan, staged, BatchProgress.serialized(progress), cancellation);
    }

    /**
     * As {@link #requireColumns(Batch, ResultShape)}, for a batch a worker exported elsewhere and
     * handed over with the columns it returned ({@code columns}, as {@link ResultShape#text()} records them).
     */
    public void requireColumns(Batch batch, String columns) {
        requireColumns(batch, ResultShape.parse(columns));
    }

    /**
     * Fails when {@code batch} returns other columns than the run's first batch did (recorded
     * in the staging area, so also across a resume): its rows would not fit the file's header.
     */
    void requireColumns(Batch batch, ResultShape shape) {
        ResultShape first;
        try {
            first = ResultShape.parse(staged.firstColumns(shape.text()));
        } catch (IOException e) {
            throw DumperException.output("cannot record the columns of " + plan.fileName() + " (" + e.getMessage()
                    + "); check the output directory and run the same command again to resume", e);
        }
        shape.changesFrom(first).ifPresent(changes -> {
            String type = plan.type().name();
            long kept = plan.batches().stream().filter(b -> staged.isDone(b.number())).count();
            throw new DumperException(ExitCode.SCHEMA_CHANGED, "the columns of type " + type + " changed during the run: "
                    + "batch " + batch.number() + " returns " + changes + ", unlike the first batch; rows of another shape "
                    + "cannot join the same file. The " + kept + " finished batch" + (kept == 1 ? " is" : "es are")
                    + " kept: run again with --fresh to export every batch with the new columns (or restore the columns "
                    + "and run the same command again to resume)");
        });
    }
}
