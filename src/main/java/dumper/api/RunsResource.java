package dumper.api;

import java.net.URI;
import java.nio.file.Files;
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

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.plan.BatchSize;
import dumper.plan.RunRequest;
import dumper.publish.PublishedFile;
import dumper.run.DumperException;
import dumper.run.ExitCode;
import dumper.run.RunManager;
import dumper.run.RunRecord;
import dumper.run.RunView;

/** Trigger, watch, cancel runs, and download what they produced. */
@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private final RunManager runs;

    RunsResource(RunManager runs) {
        this.runs = runs;
    }

    /** What a caller may ask for; dates as on the command line. */
    @RegisterForReflection
    public record TriggerRequest(String type, String start, String end, String batch, Boolean fresh, Boolean replace) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response trigger(TriggerRequest request) {
        if (request == null || request.type() == null || request.type().isBlank()) {
            throw DumperException.usage("the request needs a JSON body with at least \"type\"");
        }
        Optional<BatchSize> batch;
        try {
            batch = Optional.ofNullable(request.batch()).map(BatchSize::parse);
        } catch (IllegalArgumentException e) {
            throw DumperException.usage("bad batch: " + e.getMessage());
        }
        RunRecord run = runs.submit(new RunRequest(request.type(), Optional.ofNullable(request.start()),
                Optional.ofNullable(request.end()), batch, Optional.empty(), Optional.empty(), Optional.empty(),
                Boolean.TRUE.equals(request.fresh()), Boolean.TRUE.equals(request.replace()), Optional.empty()), "api");
        return Response.accepted(run.view()).location(URI.create("/api/runs/" + run.id())).build();
    }

    @GET
    public List<RunView> list(@QueryParam("type") String type, @QueryParam("status") String status) {
        Optional<RunRecord.Status> wanted = Optional.ofNullable(status).map(s -> parseStatus(s));
        return runs.list().stream()
                .filter(r -> type == null || r.type().equals(type))
                .filter(r -> wanted.isEmpty() || r.status() == wanted.get())
                .map(RunRecord::view)
                .toList();
    }

    @GET
    @Path("/{id}")
    public RunView get(@PathParam("id") String id) {
        return run(id).view();
    }

    /** Stops a run at a clean point; its finished batches stay, and the same request resumes it. */
    @DELETE
    @Path("/{id}")
    public Response cancel(@PathParam("id") String id) {
        RunRecord run = run(id);
        if (!runs.cancel(id)) {
            throw new DumperException(ExitCode.BUSY, "run " + id + " is already " + run.status().name().toLowerCase()
                    + "; only a queued or running run can be cancelled");
        }
        return Response.accepted(run.view()).build();
    }

    @GET
    @Path("/{id}/files/{name}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("id") String id, @PathParam("name") String name) {
        PublishedFile file = run(id).files().stream()
                .filter(f -> f.manifest().file().equals(name))
                .findFirst()
                .orElseThrow(() -> new NotFound("run " + id + " has no file " + name));
        if (!Files.isRegularFile(file.path())) {
            throw new NotFound("file " + name + " is no longer in the output directory");
        }
        String type = name.endsWith(".gz") ? "application/gzip" : "text/plain; charset=utf-8";
        return Response.ok(file.path().toFile(), type)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    private RunRecord run(String id) {
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
