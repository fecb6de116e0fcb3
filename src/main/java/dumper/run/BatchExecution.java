package dumper.run;

import java.io.IOException;
import java.util.List;

import dumper.export.RunContext;
import dumper.plan.Batch;

/**
 * How the batches a run still lacks get exported into its staging area: in this process, on up
 * to the plan's thread count at once ({@link LocalBatches}), or by workers over a queue
 * ({@link DistributedBatches}). Either way each finished batch is a {@code .done} part, and the
 * run publishes once they all are.
 */
public interface BatchExecution {

    void exportMissing(RunContext run, List<Batch> missing) throws IOException;
}
