package dumper.queue;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.OffsetDateTime;

import dumper.config.BatchSize;
import dumper.core.DumperException;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.plan.RunPlanner;
import dumper.plan.RunRequest;
import dumper.store.ObjectStore;

/**
 * A batch message as this worker will carry it out: planned again from the worker's own
 * configuration, never from what the message says. A message is only a request; the type must
 * be configured here, the plan made here must have the fingerprint the message carries, and the
 * directories and file names are this worker's. A message naming any other output directory or
 * file is refused, whatever its path tricks (unless the batch is handed over through this worker's
 * own bucket, the coordinator's too): nothing a message says becomes a path.
 */
record LocalBatch(RunPlan plan, Batch batch) {

    /** A message this worker will not carry out, and why; it goes to the dead-letter queue. */
    static final class Refused extends RuntimeException {
        /** This worker's plan when it could be made (its staging area then hears of the refusal), else null. */
        final RunPlan plan;

        Refused(String reason, RunPlan plan) {
            super(reason);
            this.plan = plan;
        }
    }

    static LocalBatch of(BatchMessage message, RunPlanner planner, ObjectStore store) {
        if (message.type() == null || message.type().isBlank()) {
            throw new Refused("the message names no dump type", null);
        }
        RunPlan plan;
        try {
            // No output directory in the request: the planner takes this worker's dumper.output-dir.
            plan = planner.plan(RunRequest.forType(message.type())
                    .start(message.start())
                    .end(message.end())
                    .batch(BatchSize.parse(String.valueOf(message.batchSize())))
                    .at(message.createdAt() == null ? null : OffsetDateTime.parse(message.createdAt()).toZonedDateTime())
                    .build());
        } catch (DumperException | IllegalArgumentException | DateTimeException e) {
            throw new Refused("this worker cannot plan the batch: " + e.getMessage(), null);
        }
        Path outputDir = plan.outputDir().toAbsolutePath().normalize();
        if (message.outputDir() != null && !outputDir.equals(normalized(message.outputDir()))
                && !handsOverThroughTheSameBucket(message, plan, store)) {
            throw new Refused("the message names the output directory " + message.outputDir() + " but this worker writes to "
                    + outputDir + "; give workers the coordinator's dumper.output-dir (shared storage), or the same "
                    + "publish-to bucket", null);
        }
        if (!plan.fileName().equals(message.fileName())) {
            throw new Refused("the message names the file " + message.fileName() + " but this worker's plan makes "
                    + plan.fileName(), null);
        }
        if (!plan.fingerprint().equals(message.fingerprint())) {
            throw new Refused("the plan of " + plan.fileName() + " differs between this worker and its coordinator; "
                    + "give them the same configuration and SQL", plan);
        }
        if (message.batch() < 1 || message.batch() > plan.batches().size()) {
            throw new Refused("batch " + message.batch() + " is not one of the " + plan.batches().size() + " batches of "
                    + plan.fileName(), plan);
        }
        return new LocalBatch(plan, plan.batches().get(message.batch() - 1));
    }

    /**
     * Another directory is no obstacle when the batch goes through a bucket: the one this
     * worker's own settings publish the type to, the same as the coordinator's.
     */
    private static boolean handsOverThroughTheSameBucket(BatchMessage message, RunPlan plan, ObjectStore store) {
        return message.handOver() != null && BucketHandOver.of(plan, store)
                .map(own -> own.location().equals(message.handOver())).orElse(false);
    }

    private static Path normalized(String dir) {
        try {
            return Path.of(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
