package dumper.run;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A run as the API shows it. {@code bytes} are uncompressed text bytes; {@code rowsPerSecond} over the run so far. */
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
        long bytes,
        long rowsPerSecond,
        OffsetDateTime queuedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        List<FileView> files,
        String error,
        Integer exitCode) {

    @RegisterForReflection
    public record FileView(String name, long rows, long bytes, String sha256, String download) {
    }
}
