package dumper.run;

/**
 * The batches of a run exported by workers over a queue rather than in this process; the queue
 * package provides it, so that a run can be distributed without this package knowing the broker.
 */
public interface DistributedBatches extends BatchExecution {
}
