package dumper.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One batch of a distributed run, as a worker needs it: enough to plan the same run again
 * (type, explicit window, batch size, the coordinator's start time for {@code {now}} and default
 * windows), the plan's fingerprint to compare with, and which batch to export. The output
 * directory and file name are there to be compared, never used: a worker takes both from its own
 * configuration and plan (see {@link LocalBatch}).
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
        int attempt) {

    BatchMessage nextAttempt() {
        return new BatchMessage(runId, type, start, end, batchSize, createdAt, fingerprint, outputDir, fileName, batch,
                attempt + 1);
    }
}
