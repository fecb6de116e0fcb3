package dumper.api;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.core.DumperException;
import dumper.run.FileEntry;
import dumper.run.RunManager;
import dumper.run.RunSummary;

/** The file catalogue: every file the runs in the history published, newest first. */
@Path("/api/files")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@APIResponse(responseCode = "401", description = "No or wrong bearer token (or, without a token configured, a client off the server's machine)")
public class FilesResource {

    private final RunManager runs;

    FilesResource(RunManager runs) {
        this.runs = runs;
    }

    /**
     * One published file: its window, where it is, its counts and digest, the run that published
     * it last, whether it is still there, and its report entry (null when reports are off).
     */
    @RegisterForReflection
    public record FileView(String type, String name, LocalDateTime windowStart, LocalDateTime windowEnd, String path,
            String servedPath, long rows, long textBytes, long fileBytes, String sha256, String runId,
            OffsetDateTime publishedAt, boolean present, String reportEntry, String download) {
    }

    @GET
    @Operation(summary = "List published files", description = "From the run history, newest first; the newest run "
            + "that published a path speaks for it. Filter by type and by a day the file's window covers (YYYY-MM-DD).")
    @APIResponse(responseCode = "200", description = "The files")
    @APIResponse(responseCode = "400", description = "A bad date")
    public List<FileView> list(@QueryParam("type") String type, @QueryParam("date") String date) {
        LocalDate day = parseDay(date);
        return catalogue().stream()
                .filter(f -> type == null || type.isBlank() || f.type().equals(type))
                .filter(f -> day == null || covers(f, day))
                .toList();
    }

    /** Every published file once, newest first. */
    public List<FileView> catalogue() {
        List<FileView> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RunSummary run : runs.list()) {
            for (FileEntry f : run.files()) {
                if (seen.add(f.path())) {
                    files.add(new FileView(f.type(), f.name(), f.windowStart(), f.windowEnd(), f.path(), f.servedPath(),
                            f.rows(), f.textBytes(), f.fileBytes(), f.sha256(), run.id(), f.finishedAt(),
                            java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f.path())), f.reportEntry(),
                            RunView.download(run.id(), f.name())));
                }
            }
        }
        return files;
    }

    private static boolean covers(FileView f, LocalDate day) {
        if (f.windowStart() == null || f.windowEnd() == null) {
            return false;
        }
        return f.windowStart().isBefore(day.plusDays(1).atStartOfDay()) && f.windowEnd().isAfter(day.atStartOfDay());
    }

    /** {@code date} as a day; null when not given. */
    public static LocalDate parseDay(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            throw DumperException.usage("bad date '" + date + "'; use YYYY-MM-DD");
        }
    }
}
