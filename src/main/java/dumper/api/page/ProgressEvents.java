package dumper.api.page;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;

import dumper.api.RunView;
import dumper.run.RunManager;

/**
 * Live progress for the page: every second, the runs in flight as the API shows them (one
 * server-sent event, a JSON list). A Mutiny tick stream, so a connection holds no thread while
 * it waits, and a client that goes away cancels its stream.
 */
@Path("/events")
public class ProgressEvents {

    static final Duration EVERY = Duration.ofSeconds(1);

    private final RunManager runs;

    ProgressEvents(RunManager runs) {
        this.runs = runs;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Multi<List<RunView>> stream() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(EVERY)
                .onOverflow().drop()
                .map(tick -> runs.active().stream().map(RunView::of).toList());
    }
}
