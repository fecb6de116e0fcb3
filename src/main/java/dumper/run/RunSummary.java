package dumper.run;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What is known of a run at one moment, as plain data: what the API and the page show, and what
 * the run history keeps on disk ({@link RunStore}), so a run is still found after a restart.
 * Read back by later versions, so fields it does not know are ignored. {@code heldBecause} is why
 * the source guard holds the run now, null while it reads or once it is over.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record RunSummary(
        String id,
        String type,
        String trigger,
        RunRecord.Status status,
        LocalDateTime windowStart,
        LocalDateTime windowEnd,
        int batchesDone,
        int batchesTotal,
        long rows,
        long textBytes,
        OffsetDateTime queuedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        List<FileEntry> files,
        List<BatchState> batches,
        String error,
        Integer exitCode,
        String heldBecause,
        List<String> log) {

    /** Records of earlier versions lack some lists: empty, not null. */
    public RunSummary {
        files = files == null ? List.of() : files;
        batches = batches == null ? List.of() : batches;
        log = log == null ? List.of() : log;
    }

    public boolean isActive() {
        return status == RunRecord.Status.QUEUED || status == RunRecord.Status.RUNNING;
    }

    /**
     * This run as found after a restart: one the process never finished (it was killed) is over,
     * and says how to go on.
     */
    RunSummary afterRestart() {
        if (!isActive()) {
            return this;
        }
        return new RunSummary(id, type, trigger, RunRecord.Status.FAILED, windowStart, windowEnd, batchesDone, batchesTotal,
                rows, textBytes, queuedAt, startedAt, finishedAt != null ? finishedAt : startedAt != null ? startedAt : queuedAt,
                files, batches, "the service stopped while this run was going (killed or lost its machine); finished "
                        + "batches are kept: start the same run again to resume", dumper.core.ExitCode.INTERRUPTED.code, null, log);
    }
}
