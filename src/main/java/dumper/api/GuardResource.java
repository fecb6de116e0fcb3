package dumper.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.config.DumpTypes;
import dumper.core.DumperException;
import dumper.guard.SourceGuard;

/** Steers the source guard at run time: what it does now, pause and resume, caps; per type or per datasource. */
@Path("/api/guard")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or wrong bearer token (or, without a token configured, a client off the server's machine)")
public class GuardResource {

    private final SourceGuard guard;
    private final DumpTypes types;

    GuardResource(SourceGuard guard, DumpTypes types) {
        this.guard = guard;
        this.types = types;
    }

    /** A type or a datasource (exactly one), and for caps the new values (0 lifts a cap). */
    @RegisterForReflection
    public record Target(String type, String datasource, Double rowsPerSecond, Double bytesPerSecond) {
    }

    @RegisterForReflection
    public record GuardView(List<SourceGuard.State> datasources, List<String> pausedTypes) {
    }

    @GET
    @Operation(summary = "Show the source guard", description = "Per datasource watched now: why it holds (null: it does "
            + "not), the pace (1 = full speed), each signal's last value and its limit, the caps; and the paused types.")
    public GuardView show() {
        return new GuardView(guard.states(), guard.pausedTypes());
    }

    @POST
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pause a type or a datasource", description = "Batches hold before they start (and those reading "
            + "hold, up to dumper.guard.hold-in-batch, then are read again later) until resumed.")
    @APIResponse(responseCode = "200", description = "Paused")
    @APIResponse(responseCode = "400", description = "Neither or both of type and datasource")
    @APIResponse(responseCode = "404", description = "Unknown dump type")
    public GuardView pause(Target target) {
        guard.pause(scope(target), name(target));
        return show();
    }

    @POST
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume a paused type or datasource")
    @APIResponse(responseCode = "200", description = "Resumed")
    @APIResponse(responseCode = "400", description = "Neither or both of type and datasource")
    @APIResponse(responseCode = "404", description = "Unknown dump type")
    public GuardView resume(Target target) {
        guard.resume(scope(target), name(target));
        return show();
    }

    @PUT
    @Path("/caps")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cap the rows and bytes per second of a type or a datasource", description = "0 or absent lifts a cap.")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "Neither or both of type and datasource, or a negative cap")
    @APIResponse(responseCode = "404", description = "Unknown dump type")
    public GuardView caps(Target target) {
        double rows = target == null || target.rowsPerSecond() == null ? 0 : target.rowsPerSecond();
        double bytes = target == null || target.bytesPerSecond() == null ? 0 : target.bytesPerSecond();
        if (rows < 0 || bytes < 0) {
            throw DumperException.usage("a cap is 0 (none) or more");
        }
        guard.cap(scope(target), name(target), rows, bytes);
        return show();
    }

    private static SourceGuard.Scope scope(Target target) {
        if (target == null || (target.type() == null) == (target.datasource() == null)) {
            throw DumperException.usage("name exactly one of \"type\" and \"datasource\"");
        }
        return target.type() != null ? SourceGuard.Scope.TYPE : SourceGuard.Scope.DATASOURCE;
    }

    private String name(Target target) {
        return target.type() != null ? types.get(target.type()).name() : target.datasource();
    }
}
