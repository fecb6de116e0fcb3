package dumper.run;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.config.BucketAddress;
import dumper.publish.PublishedFile;

/**
 * A file a run published, as the run history keeps it: enough to list it, check it and serve it
 * after a restart. {@code path} is the file in the output directory, {@code servedPath} where the
 * portal serves it (a path, or {@code s3://…} when it went to a bucket, then also named by
 * {@code bucket}, {@code s3://bucket/prefix/}); {@code reportEntry} is the file name of its row
 * in the report table, null when reports are off.
 */
@RegisterForReflection
public record FileEntry(String name, String type, LocalDateTime windowStart, LocalDateTime windowEnd, String path,
        String servedPath, String bucket, long rows, long textBytes, long fileBytes, String sha256, boolean unchanged,
        OffsetDateTime finishedAt, String reportEntry) {

    static FileEntry of(PublishedFile file, boolean reported) {
        var m = file.manifest();
        return new FileEntry(m.file(), m.type(), m.windowStart(), m.windowEnd(), file.path().toString(),
                file.served(), file.bucket().map(BucketAddress::toString).orElse(null), m.rows(), m.textBytes(), m.bytes(), m.sha256(), file.unchanged(),
                m.finishedAt(), reported ? m.file() : null);
    }
}
