package dumper.api.page;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;

import dumper.api.RunView;
import dumper.run.RunManager;

/**
 * Live progress for the page: every second, the runs in flight as the API shows them (one
 * server-sent event, a JSON list). A Mutiny tick stream, so a connection holds no thread while
 * it waits, and a client that goes away cancels its stream: {@code dumper_page_streams} counts
 * the streams open.
 */
@Path("/events")
@ApplicationScoped
@Startup // its gauge shows from the start, not from the first page's visit
public class ProgressEvents {

    static final Duration EVERY = Duration.ofSeconds(1);

    private final RunManager runs;
    private final AtomicInteger open = new AtomicInteger();

    ProgressEvents(RunManager runs, MeterRegistry registry) {
        this.runs = runs;
        Gauge.builder("dumper.page.streams", open, AtomicInteger::get)
                .description("Live-progress streams (server-sent events) open to the page").register(registry);
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Multi<List<RunView>> stream() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(EVERY)
                .onOverflow().drop()
                .map(tick -> runs.active().stream().map(RunView::of).toList())
                .onSubscription().invoke(subscription -> open.incrementAndGet())
                .onTermination().invoke(open::decrementAndGet);
    }
}
