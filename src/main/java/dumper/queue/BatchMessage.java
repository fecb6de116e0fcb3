package dumper.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One batch of a distributed run, as a worker needs it: enough to plan the same run again
 * (type, explicit window, batch size, the coordinator's start time for {@code {now}} and default
 * windows), the plan's fingerprint to compare with, and which batch to export. The output
 * directory and file name are there to be compared, never used: a worker takes both from its own
 * configuration and plan (see {@link LocalBatch}). {@code handOver}, when the type publishes to a
 * bucket, is where a worker without the coordinator's directory hands the batch over instead
 * ({@link BucketHandOver}); compared with the worker's own, never used, and null from coordinators
 * older than it.
 * <p>Workers and coordinators of different versions may meet, so fields a reader does not know are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record BatchMessage(
        String runId,
        String type,
        String start,
        String end,
        String batchSize,
        String createdAt,
        String fingerprint,
        String outputDir,
        String fileName,
        int batch,
        int attempt,
        String handOver) {

    BatchMessage nextAttempt() {
        return new BatchMessage(runId, type, start, end, batchSize, createdAt, fingerprint, outputDir, fileName, batch,
                attempt + 1, handOver);
    }
}
