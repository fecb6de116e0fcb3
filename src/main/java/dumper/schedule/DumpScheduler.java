package dumper.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.quarkus.scheduler.Scheduled.ConcurrentExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;

import dumper.config.DumpType;
import dumper.config.DumpTypes;
import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.output.DurableFiles;
import dumper.plan.RunRequest;
import dumper.run.RunManager;
import dumper.run.RunMetrics;
import dumper.run.RunRecord;

/**
 * Fires each scheduled type on its cron expressions in the configured zone. The window is
 * computed from the fire time and bound as :start/:end, so a fire can be repeated exactly. A
 * type never overlaps itself: a fire while its last run still goes is skipped. Fires missed
 * while the service was down are caught up per {@code dumper.serve.missed-fires}.
 */
@ApplicationScoped
public class DumpScheduler {

    private static final Logger LOG = Logger.getLogger("dumper.schedule");
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final Scheduler scheduler;
    private final DumpTypes types;
    private final RunManager runs;
    private final RunMetrics metrics;
    private final DumperConfig config;
    private final ExecutorService catchUp = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "dumper-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    DumpScheduler(Scheduler scheduler, DumpTypes types, RunManager runs, RunMetrics metrics, DumperConfig config) {
        this.scheduler = scheduler;
        this.types = types;
        this.runs = runs;
        this.metrics = metrics;
        this.config = config;
    }

    /** Schedules every type that has a schedule, then catches up on missed fires. */
    public int start() {
        ZoneId zone = types.zone();
        int scheduled = 0;
        for (DumpType type : types.all().values()) {
            for (int i = 0; i < type.schedules().size(); i++) {
                scheduler.newJob(jobId(type, i))
                        .setCron(type.schedules().get(i))
                        .setTimeZone(zone.getId())
                        .setConcurrentExecution(ConcurrentExecution.SKIP)
                        .setTask(execution -> fire(type, execution.getScheduledFireTime().atZone(zone)))
                        .schedule();
            }
            if (!type.schedules().isEmpty()) {
                scheduled++;
                catchUp(type, zone);
            }
        }
        return scheduled;
    }

    /** The next fire times of a type, soonest first. */
    public List<ZonedDateTime> nextFires(DumpType type) {
        List<ZonedDateTime> fires = new ArrayList<>();
        for (int i = 0; i < type.schedules().size(); i++) {
            Trigger trigger = scheduler.getScheduledJob(jobId(type, i));
            if (trigger != null && trigger.getNextFireTime() != null) {
                fires.add(trigger.getNextFireTime().atZone(types.zone()));
            }
        }
        fires.sort(Comparator.naturalOrder());
        return fires;
    }

    private static String jobId(DumpType type, int index) {
        return "dump-" + type.name() + "-" + index;
    }

    private Optional<RunRecord> fire(DumpType type, ZonedDateTime fireTime) {
        try {
            // A fire counts as done once its run is over, unless a shutdown stopped it: then the
            // next start finds it missed and runs it again, resuming its finished batches.
            RunRecord run = runs.submit(RunRequest.scheduled(type.name(), fireTime, type.replace()), "schedule", ended -> {
                if (ended.status() != RunRecord.Status.CANCELLED || !runs.stopping()) {
                    remember(type, fireTime);
                }
            });
            LOG.infof("%s: scheduled run %s for the fire at %s", type.name(), run.id(), fireTime.toLocalDateTime());
            return Optional.of(run);
        } catch (DumperException e) {
            if (e.exitCode == ExitCode.BUSY) {
                LOG.infof("%s: fire at %s skipped: %s", type.name(), fireTime.toLocalDateTime(), e.getMessage());
                metrics.skippedFire(type.name());
            } else {
                LOG.errorf("%s: fire at %s failed: %s", type.name(), fireTime.toLocalDateTime(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    private void catchUp(DumpType type, ZoneId zone) {
        Optional<ZonedDateTime> last = lastFire(type, zone);
        DumpTypes.MissedFires policy = types.missedFires();
        if (last.isEmpty() || policy == DumpTypes.MissedFires.SKIP) {
            return;
        }
        List<ZonedDateTime> missed = missedFires(type, last.get(), ZonedDateTime.now(zone));
        if (missed.isEmpty()) {
            return;
        }
        List<ZonedDateTime> toRun = policy == DumpTypes.MissedFires.EACH ? missed : List.of(missed.get(missed.size() - 1));
        LOG.infof("%s: %d fire(s) missed while down since %s; catching up %d (missed-fires=%s)", type.name(), missed.size(),
                last.get().toLocalDateTime(), toRun.size(), policy.name().toLowerCase(Locale.ROOT));
        catchUp.submit(() -> toRun.forEach(fireTime -> fire(type, fireTime).ifPresent(DumpScheduler::awaitEnd)));
    }

    /** Fire times after {@code since} up to {@code now}, over all the type's cron expressions. */
    static List<ZonedDateTime> missedFires(DumpType type, ZonedDateTime since, ZonedDateTime now) {
        List<ZonedDateTime> fires = new ArrayList<>();
        for (String cron : type.schedules()) {
            ExecutionTime times = ExecutionTime.forCron(CRON.parse(cron));
            Optional<ZonedDateTime> next = times.nextExecution(since);
            while (next.isPresent() && !next.get().isAfter(now) && fires.size() < 10_000) {
                fires.add(next.get());
                next = times.nextExecution(next.get());
            }
        }
        fires.sort(Comparator.naturalOrder());
        return fires;
    }

    private static void awaitEnd(RunRecord run) {
        while (run.isActive()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last fire is kept beside the output, so a restarted container knows what it missed. */
    private Path stateFile(DumpType type) {
        return config.outputDirectory().resolve(".dumper/schedule/" + type.name() + ".last-fire");
    }

    private void remember(DumpType type, ZonedDateTime fireTime) {
        try {
            Files.createDirectories(stateFile(type).getParent());
            DurableFiles.writeDurably(stateFile(type), fireTime.toInstant().toString());
        } catch (IOException e) {
            LOG.warnf("%s: cannot record the fire time (%s); missed fires may not be caught up", type.name(), e.getMessage());
        }
    }

    private Optional<ZonedDateTime> lastFire(DumpType type, ZoneId zone) {
        try {
            return Optional.of(Instant.parse(Files.readString(stateFile(type)).trim()).atZone(zone));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
