package dumper.cli;

import java.util.concurrent.Callable;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

import dumper.api.ApiAccess;
import dumper.config.DumpTypes;
import dumper.guard.SourceGuard;
import dumper.run.RunMetrics;
import dumper.schedule.DumpScheduler;

/** {@code dumper serve}: the scheduler and the HTTP API, until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the scheduler and the HTTP API until stopped (SIGTERM stops runs cleanly; they resume).")
class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger("dumper.serve");

    private final DumpTypes types;
    private final DumpScheduler scheduler;
    private final ApiAccess access;
    private final RunMetrics metrics;
    private final SourceGuard guard;
    private final int port;

    ServeCommand(DumpTypes types, DumpScheduler scheduler, ApiAccess access, RunMetrics metrics, SourceGuard guard,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        this.guard = guard;
        this.types = types;
        this.scheduler = scheduler;
        this.access = access;
        this.metrics = metrics;
        this.port = port;
    }

    @Override
    public Integer call() {
        types.validate();
        // A run in the service waits while its source is critical, and goes on by itself after.
        guard.waitOutCritical();
        metrics.register(types.all().keySet());
        int scheduled = scheduler.start();
        LOG.infof("serving on port %d: %d type(s), %d on a schedule (zone %s); API at /api, OpenAPI at /q/openapi",
                port, types.all().size(), scheduled, types.zone());
        LOG.info(access.describe());
        Quarkus.waitForExit();
        return 0;
    }
}
