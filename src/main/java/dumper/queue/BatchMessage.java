package dumper.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One batch of a distributed run, as a worker needs it: enough to plan the same run again
 * (type, explicit window, batch size), where its staging area is, and which batch to export.
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
        String outputDir,
        String fileName,
        int batch,
        int attempt) {

    BatchMessage nextAttempt() {
        return new BatchMessage(runId, type, start, end, batchSize, outputDir, fileName, batch, attempt + 1);
    }
}
