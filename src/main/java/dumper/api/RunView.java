package dumper.api;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.plan.Window;
import dumper.run.RunRecord;

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
        String error,
        Integer exitCode,
        String heldBecause) {

    /** A consistent-enough snapshot of {@code run}, its files downloadable under /api/runs. */
    public static RunView of(RunRecord run) {
        long rows = run.rows();
        OffsetDateTime end = run.finishedAt() != null ? run.finishedAt() : OffsetDateTime.now();
        double seconds = run.startedAt() == null ? 0
                : Math.max(0.001, Duration.between(run.startedAt(), end).toMillis() / 1000.0);
        Window window = run.plan.window();
        return new RunView(run.id(), run.type(), run.trigger, run.status(), window == null ? null : window.start(),
                window == null ? null : window.end(), run.batchesDone(), run.plan.batches().size(), rows,
                run.textBytes(), seconds == 0 ? 0 : Math.round(rows / seconds), run.queuedAt(), run.startedAt(),
                run.finishedAt(), run.files().stream().map(f -> new FileView(f.manifest().file(), f.manifest().rows(),
                        f.manifest().bytes(), f.manifest().sha256(), "/api/runs/" + run.id() + "/files/" + f.manifest().file()))
                        .toList(),
                run.error(), run.exitCode(), run.heldBecause());
    }

    @RegisterForReflection
    public record FileView(String name, long rows, long fileBytes, String sha256, String download) {
    }
}
