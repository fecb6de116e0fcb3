package dumper.api;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.config.BatchSize;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.plan.RunRequest;
import dumper.run.RunManager;
import dumper.run.RunRecord;
import dumper.run.RunSummary;

/** Trigger, watch, cancel runs, and download what they produced. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or wrong bearer token (or, without a token configured, a client off the server's machine)")
public class RunsResource {

    private final RunManager runs;
    private final Downloads downloads;

    RunsResource(RunManager runs, Downloads downloads) {
        this.downloads = downloads;
        this.runs = runs;
    }

    /** What a caller may ask for; dates as on the command line. */
    @RegisterForReflection
    public record TriggerRequest(String type, String start, String end, String batch, Boolean fresh, Boolean replace) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a run", description = "Plans the run at once, so bad input is answered here, then queues it. "
            + "Dates as on the command line: a date alone as the end includes that day.")
    @APIResponse(responseCode = "202", description = "Queued; follow the Location header to watch it",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field, bad or missing dates, a bad batch")
    @APIResponse(responseCode = "404", description = "Unknown dump type")
    @APIResponse(responseCode = "409", description = "The type is already running, or the service is shutting down")
    @APIResponse(responseCode = "422", description = "The type's configuration is unusable (e.g. its SQL file)")
    @APIResponse(responseCode = "503", description = "The database is unreachable")
    public Response trigger(TriggerRequest request) {
        RunRecord run = runs.submit(runRequest(request), "api");
        return Response.accepted(RunView.of(run.summary())).location(URI.create("/api/runs/" + run.id())).build();
    }

    /** What {@code request} asks for, checked as the command line checks its options; the page's form uses it too. */
    public static RunRequest runRequest(TriggerRequest request) {
        if (request == null || request.type() == null || request.type().isBlank()) {
            throw DumperException.usage("the request needs a JSON body with at least \"type\"");
        }
        Optional<BatchSize> batch;
        try {
            batch = Optional.ofNullable(request.batch()).map(BatchSize::parse);
        } catch (IllegalArgumentException e) {
            throw DumperException.usage("bad batch: " + e.getMessage());
        }
        return RunRequest.forType(request.type())
                .start(request.start())
                .end(request.end())
                .batch(batch.orElse(null))
                .fresh(Boolean.TRUE.equals(request.fresh()))
                .replace(Boolean.TRUE.equals(request.replace()))
                .build();
    }

    @GET
    @Operation(summary = "List runs", description = "Newest first; filter by type and status.")
    @APIResponse(responseCode = "200", description = "The runs")
    @APIResponse(responseCode = "400", description = "Unknown status")
    public List<RunView> list(@QueryParam("type") String type, @QueryParam("status") String status) {
        Optional<RunRecord.Status> wanted = Optional.ofNullable(status).map(s -> parseStatus(s));
        return runs.list().stream()
                .filter(r -> type == null || r.type().equals(type))
                .filter(r -> wanted.isEmpty() || r.status() == wanted.get())
                .map(RunView::of)
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show a run", description = "Status, batches, rows, rate, files and error.")
    @APIResponse(responseCode = "200", description = "The run")
    @APIResponse(responseCode = "404", description = "No run with this id")
    public RunView get(@PathParam("id") String id) {
        return RunView.of(run(id));
    }

    /** Stops a run at a clean point; its finished batches stay, and the same request resumes it. */
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a run", description = "Stops it at a clean point; starting the same run again resumes it.")
    @APIResponse(responseCode = "202", description = "Cancellation requested",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No run with this id")
    @APIResponse(responseCode = "409", description = "The run is already over")
    public Response cancel(@PathParam("id") String id) {
        RunSummary run = run(id);
        if (!runs.cancel(id)) {
            throw new DumperException(ExitCode.BUSY, "run " + id + " is already " + run(id).status().name().toLowerCase()
                    + "; only a queued or running run can be cancelled");
        }
        return Response.accepted(RunView.of(run(id))).build();
    }

    @GET
    @Path("/{id}/files/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a file of a run")
    @APIResponse(responseCode = "200", description = "The file, as an attachment (from the bucket, when it was published to one)")
    @APIResponse(responseCode = "307", description = "With dumper.s3.download=presign: a short-lived link to the object in the bucket")
    @APIResponse(responseCode = "404", description = "No such run or file, or the file was removed")
    public Response download(@PathParam("id") String id, @PathParam("name") String name) {
        return downloads.of(run(id), name);
    }

    private RunSummary run(String id) {
        return runs.find(id).orElseThrow(() -> new NotFound("no run with id " + id + "; GET /api/runs lists them"));
    }

    private static RunRecord.Status parseStatus(String status) {
        try {
            return RunRecord.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DumperException.usage("unknown status '" + status + "'; use queued, running, succeeded, failed or cancelled");
        }
    }
}
