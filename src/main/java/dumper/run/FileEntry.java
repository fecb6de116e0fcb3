package dumper.run;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.publish.PublishedFile;

/**
 * A file a run published, as the run history keeps it: enough to list it, check it and serve it
 * after a restart. {@code path} is the file in the output directory, {@code servedPath} where the
 * portal serves it; {@code reportEntry} is the file name of its row in the report table, null
 * when reports are off.
 */
@RegisterForReflection
public record FileEntry(String name, String type, LocalDateTime windowStart, LocalDateTime windowEnd, String path,
        String servedPath, long rows, long textBytes, long fileBytes, String sha256, boolean unchanged,
        OffsetDateTime finishedAt, String reportEntry) {

    static FileEntry of(PublishedFile file, boolean reported) {
        var m = file.manifest();
        return new FileEntry(m.file(), m.type(), m.windowStart(), m.windowEnd(), file.path().toString(),
                file.servedPath().toString(), m.rows(), m.textBytes(), m.bytes(), m.sha256(), file.unchanged(),
                m.finishedAt(), reported ? m.file() : null);
    }
}
