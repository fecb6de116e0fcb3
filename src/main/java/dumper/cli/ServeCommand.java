package dumper.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

import dumper.api.ApiAccess;
import dumper.config.DumperConfig;
import dumper.config.DumpTypes;
import dumper.guard.SourceGuard;
import dumper.publish.Retention;
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
    private final Retention retention;
    private final DumperConfig config;

    ServeCommand(DumpTypes types, DumpScheduler scheduler, ApiAccess access, RunMetrics metrics, SourceGuard guard,
            @ConfigProperty(name = "quarkus.http.port") int port, Retention retention, DumperConfig config) {
        this.guard = guard;
        this.types = types;
        this.scheduler = scheduler;
        this.access = access;
        this.metrics = metrics;
        this.port = port;
        this.retention = retention;
        this.config = config;
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
        cleanUpEvery(config.retention().every().toSeconds());
        Quarkus.waitForExit();
        return 0;
    }

    /** Applies dumper.retention.* now and then every {@code seconds}, logging what it removed or kept. */
    private void cleanUpEvery(long seconds) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dumper-retention");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                retention.apply(false).stream().filter(line -> !line.startsWith("unfinished run"))
                        .forEach(line -> LOG.info("retention: " + line));
            } catch (RuntimeException e) {
                // A failed clean-up (a database down for the report check) is tried again next time.
                LOG.warn("retention: " + e.getMessage());
            }
        }, 0, Math.max(1, seconds), TimeUnit.SECONDS);
    }
}
