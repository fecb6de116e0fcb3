package dumper.export;

import dumper.core.Cancellation;
import dumper.output.StagedOutput;
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
}
