package dumper.run;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A run as the API shows it. {@code textBytes} counts the text written before compression (what
 * the rows amount to); a file's {@code fileBytes} is the size of the file on disk.
 * {@code rowsPerSecond} is over the run so far.
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
        Integer exitCode) {

    @RegisterForReflection
    public record FileView(String name, long rows, long fileBytes, String sha256, String download) {
    }
}
