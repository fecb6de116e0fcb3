package dumper.api;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import dumper.config.BucketAddress;
import dumper.publish.PublishedObjects;
import dumper.run.FileEntry;
import dumper.run.RunSummary;

/**
 * A file of a run as a download, for the API and the page alike, from the run history: the file in
 * the output directory, or the object in the bucket it was published to (a presigned link to it,
 * or its bytes streamed from the store).
 */
@ApplicationScoped
public class Downloads {

    private final PublishedObjects objects;

    Downloads(PublishedObjects objects) {
        this.objects = objects;
    }

    /** {@code name} of {@code run} as an attachment; 404 when the run has no such file or it was removed. */
    public Response of(RunSummary run, String name) {
        FileEntry file = run.files().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NotFound("run " + run.id() + " has no file " + name));
        String type = name.endsWith(".gz") ? "application/gzip"
                : name.endsWith(".zst") ? "application/zstd"
                : name.endsWith(".parquet") ? "application/vnd.apache.parquet" : "text/plain; charset=utf-8";
        if (file.bucket() != null) {
            BucketAddress bucket = BucketAddress.parse("bucket", file.bucket()).orElseThrow();
            Optional<URI> link = objects.link(bucket, name);
            if (link.isPresent()) {
                return Response.temporaryRedirect(link.get()).build();
            }
            return attachment(Response.ok((StreamingOutput) out -> {
                try (InputStream in = objects.open(bucket, name)) {
                    in.transferTo(out);
                }
            }, type), name);
        }
        Path path = Path.of(file.path());
        if (!Files.isRegularFile(path)) {
            throw new NotFound("file " + name + " is no longer in the output directory");
        }
        return attachment(Response.ok(path.toFile(), type), name);
    }

    private static Response attachment(Response.ResponseBuilder response, String name) {
        return response.header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }
}
