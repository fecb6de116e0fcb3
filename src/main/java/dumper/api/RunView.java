package dumper.api;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.run.BatchState;
import dumper.run.RunRecord;
import dumper.run.RunSummary;

/**
 * A run as the API shows it. {@code textBytes} counts the text written before compression (what
 * the rows amount to); a file's {@code fileBytes} is the size of the file on disk.
 * {@code rowsPerSecond} is over the run so far. {@code heldBecause} says why the source guard
 * holds the run now ({@code Threads_running 41 > 30}), null while it reads.
 */
@RegisterForReflection
public record RunView(
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
        long rowsPerSecond,
        OffsetDateTime queuedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        List<FileView> files,
        List<BatchState> batches,
        String error,
        Integer exitCode,
        String heldBecause) {

    /** A consistent-enough snapshot of {@code run}, its files downloadable under /api/runs. */
    public static RunView of(RunSummary run) {
        long rows = run.rows();
        OffsetDateTime end = run.finishedAt() != null ? run.finishedAt() : OffsetDateTime.now();
        double seconds = run.startedAt() == null ? 0
                : Math.max(0.001, Duration.between(run.startedAt(), end).toMillis() / 1000.0);
        return new RunView(run.id(), run.type(), run.trigger(), run.status(), run.windowStart(), run.windowEnd(),
                run.batchesDone(), run.batchesTotal(), rows, run.textBytes(), seconds == 0 ? 0 : Math.round(rows / seconds),
                run.queuedAt(), run.startedAt(), run.finishedAt(), run.files().stream()
                        .map(f -> new FileView(f.name(), f.rows(), f.fileBytes(), f.sha256(), download(run.id(), f.name())))
                        .toList(),
                run.batches(), run.error(), run.exitCode(), run.heldBecause());
    }

    /** Where the API serves a file of a run. */
    static String download(String runId, String fileName) {
        return "/api/runs/" + runId + "/files/" + fileName;
    }

    @RegisterForReflection
    public record FileView(String name, long rows, long fileBytes, String sha256, String download) {
    }
}
