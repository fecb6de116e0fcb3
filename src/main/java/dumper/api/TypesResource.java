package dumper.api;

import java.time.ZonedDateTime;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.run.RunManager;
import dumper.run.RunRecord;
import dumper.schedule.DumpScheduler;

/** The configured dump types, their settings, schedules and next fire times. */
@Path("/api/types")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or wrong bearer token (or, without a token configured, a client off the server's machine)")
public class TypesResource {

    private final DumpTypes types;
    private final DumpScheduler scheduler;
    private final RunManager runs;

    TypesResource(DumpTypes types, DumpScheduler scheduler, RunManager runs) {
        this.types = types;
        this.scheduler = scheduler;
        this.runs = runs;
    }

    @RegisterForReflection
    public record TypeView(String name, String dateRange, String batch, String window, String format, String compression,
            String queryFile, String fileName, List<String> schedules, List<ZonedDateTime> nextFires, String runningRun) {
    }

    @GET
    @Operation(summary = "List dump types", description = "Settings, schedules, next fire times and the run in progress.")
    @APIResponse(responseCode = "200", description = "The types")
    public List<TypeView> list() {
        return types.all().values().stream().map(this::view).toList();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Show a dump type")
    @APIResponse(responseCode = "200", description = "The type")
    @APIResponse(responseCode = "404", description = "Unknown dump type")
    public TypeView get(@PathParam("name") String name) {
        return view(types.get(name));
    }

    private TypeView view(DumpType t) {
        return new TypeView(t.name(), t.dateRange().name().toLowerCase(), t.batch().toString(), t.windowLabel(),
                t.format().name().toLowerCase(), t.compression().name().toLowerCase(), t.queryFile().toString(), t.fileName(),
                t.schedules(), scheduler.nextFires(t), runs.active(t.name()).map(RunRecord::id).orElse(null));
    }
}
