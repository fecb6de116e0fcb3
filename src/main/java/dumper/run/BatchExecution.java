package dumper.run;

import java.io.IOException;
import java.util.List;

import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.core.Cancellation;

/**
 * How the batches a run still lacks get exported into its staging area: here, one after the
 * other ({@link DumpRunner}), or by workers over a queue. Either way each finished batch is a
 * {@code .done} part, and the run publishes once they all are.
 */
public interface BatchExecution {

    void exportMissing(RunPlan plan, StagedOutput staged, List<Batch> missing, RunListener listener,
            Cancellation cancellation) throws IOException;
}
