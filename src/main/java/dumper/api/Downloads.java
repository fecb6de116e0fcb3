package dumper.api;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.ws.rs.core.Response;

import dumper.run.FileEntry;
import dumper.run.RunSummary;

/** A file of a run as a download: for the API and the page alike, from the run history. */
public final class Downloads {

    private Downloads() {
    }

    /** {@code name} of {@code run} as an attachment; 404 when the run has no such file or it was removed. */
    public static Response of(RunSummary run, String name) {
        FileEntry file = run.files().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NotFound("run " + run.id() + " has no file " + name));
        Path path = Path.of(file.path());
        if (!Files.isRegularFile(path)) {
            throw new NotFound("file " + name + " is no longer in the output directory");
        }
        String type = name.endsWith(".gz") ? "application/gzip"
                : name.endsWith(".zst") ? "application/zstd" : "text/plain; charset=utf-8";
        return Response.ok(path.toFile(), type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }
}
