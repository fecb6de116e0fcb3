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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
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
 * computed from the fire time and bound as :start/:end, so a fire can be repeated exactly.
 * <p>A fire counts as done only when its run succeeded; the time up to which every fire is
 * done is kept on disk beside the output. Every fire, and every start, runs the fires owed since then through the
 * type's own queue, one run at a time (a type never overlaps itself), per
 * {@code dumper.serve.missed-fires}: {@code each} runs them all in order (refusing, in one line,
 * more than {@link OwedFires#EACH_LIMIT}), {@code once} and {@code skip} the latest. A fire whose
 * run failed or was cancelled stays owed: it is tried again, with its own window, at the
 * type's next fire and at the next start, for as long as it fails; the metric
 * {@code dumper_schedule_fires_owed} shows how many fires wait meanwhile.
 */
@ApplicationScoped
public class DumpScheduler {

    private static final Logger LOG = Logger.getLogger("dumper.schedule");

    private final Scheduler scheduler;
    private final DumpTypes types;
    private final RunManager runs;
    private final RunMetrics metrics;
    private final DumperConfig config;
    private final MeterRegistry registry;
    private final Map<String, FireQueue> queues = new ConcurrentHashMap<>();

    DumpScheduler(Scheduler scheduler, DumpTypes types, RunManager runs, RunMetrics metrics, DumperConfig config,
            MeterRegistry registry) {
        this.scheduler = scheduler;
        this.types = types;
        this.runs = runs;
        this.metrics = metrics;
        this.config = config;
        this.registry = registry;
    }

    /** Schedules every type that has a schedule, then catches up on the fires it owes. */
    public int start() {
        ZoneId zone = types.zone();
        int scheduled = 0;
        for (DumpType type : types.all().values()) {
            if (type.schedules().isEmpty()) {
                continue;
            }
            FireQueue queue = queues.computeIfAbsent(type.name(), name -> new FireQueue(type));
            for (int i = 0; i < type.schedules().size(); i++) {
                scheduler.newJob(jobId(type, i))
                        .setCron(type.schedules().get(i))
                        .setTimeZone(zone.getId())
                        .setConcurrentExecution(ConcurrentExecution.SKIP)
                        .setTask(execution -> queue.owe(execution.getScheduledFireTime().atZone(zone)))
                        .schedule();
            }
            scheduled++;
            queue.catchUpAtStart(ZonedDateTime.now(zone));
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

    /**
     * One type's fires: what it owes, run on a thread of its own one at a time, so that a slow
     * run of one type never holds back another's schedule. Fires that come while a run goes are
     * folded into the next pass, which catches them up per the policy.
     */
    private final class FireQueue {

        private final DumpType type;
        private final OwedFires fires;
        private final ExecutorService thread;
        /** The latest time fires are owed up to; a pass runs what is owed up to it. */
        private final AtomicReference<ZonedDateTime> owedUpTo = new AtomicReference<>();
        private final AtomicBoolean passQueued = new AtomicBoolean();
        private final AtomicLong owedGauge;
        /** Set once {@code each} refused a backlog over its limit: the schedule holds until an operator decides. */
        private volatile boolean refused;

        FireQueue(DumpType type) {
            this.type = type;
            this.fires = new OwedFires(type.schedules());
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "dumper-fires-" + type.name());
                t.setDaemon(true);
                return t;
            });
            this.owedGauge = registry.gauge("dumper.schedule.fires.owed", List.of(Tag.of("type", type.name())),
                    new AtomicLong());
        }

        /**
         * At start: nothing when the type never fired here (its schedule starts with its next
         * fire); with {@code skip}, the fires missed while down are given up; else they are run.
         */
        void catchUpAtStart(ZonedDateTime now) {
            Optional<ZonedDateTime> last = lastFire();
            if (last.isEmpty()) {
                return;
            }
            if (types.missedFires() == DumpTypes.MissedFires.SKIP) {
                // On the type's thread: counting a long downtime's fires takes seconds.
                thread.submit(() -> fires.latest(last.get(), now).ifPresent(latest -> {
                    LOG.infof("%s: %s fire(s) missed while down since %s skipped (missed-fires=skip)", type.name(),
                            OwedFires.describe(fires.count(last.get(), now, OwedFires.COUNT_LIMIT), OwedFires.COUNT_LIMIT),
                            last.get().toLocalDateTime());
                    remember(latest);
                }));
                return;
            }
            owe(now);
        }

        /** Fires are owed up to {@code upTo}: a pass runs them, after the one under way if any. */
        void owe(ZonedDateTime upTo) {
            owedUpTo.accumulateAndGet(upTo, (a, b) -> a == null || b.isAfter(a) ? b : a);
            if (passQueued.compareAndSet(false, true)) {
                thread.submit(() -> {
                    passQueued.set(false);
                    try {
                        pass(owedUpTo.get());
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "%s: the scheduled fires could not be run", type.name());
                    }
                });
            }
        }

        /** Runs what is owed up to {@code upTo} per the policy, in order, until a run does not succeed. */
        private void pass(ZonedDateTime upTo) {
            if (refused || runs.stopping()) {
                return;
            }
            ZonedDateTime since = lastFire().orElse(null);
            if (since == null) {
                // A type that never fired here owes the fire that triggered this pass, and every
                // one after it: recorded now, before the run, so that a failure stays owed.
                since = upTo.minusSeconds(1);
                remember(since);
            }
            List<ZonedDateTime> toRun;
            if (types.missedFires() == DumpTypes.MissedFires.EACH) {
                toRun = fires.first(since, upTo, OwedFires.EACH_LIMIT + 1);
                if (toRun.size() > OwedFires.EACH_LIMIT) {
                    refuse(since, upTo);
                    return;
                }
                owedGauge.set(toRun.size());
            } else {
                toRun = fires.latest(since, upTo).map(List::of).orElse(List.of());
                owedGauge.set(fires.count(since, upTo, OwedFires.EACH_LIMIT));
            }
            if (toRun.size() > 1 || !toRun.isEmpty() && !toRun.get(0).equals(upTo)) {
                LOG.infof("%s: %s fire(s) owed since %s; running %d (missed-fires=%s)", type.name(),
                        OwedFires.describe(owedGauge.get(), OwedFires.EACH_LIMIT), since.toLocalDateTime(), toRun.size(),
                        types.missedFires().name().toLowerCase(Locale.ROOT));
            }
            for (int i = 0; i < toRun.size(); i++) {
                if (runs.stopping() || !runSucceeded(toRun.get(i))) {
                    return;
                }
                remember(toRun.get(i));
                // Those before the latest are given up by once, or still to run for each.
                owedGauge.set(toRun.size() - i - 1);
            }
        }

        /** {@code each} with more owed fires than it runs: none runs, the type's schedule holds, and one line says why. */
        private void refuse(ZonedDateTime since, ZonedDateTime upTo) {
            refused = true;
            long owed = fires.count(since, upTo, OwedFires.COUNT_LIMIT);
            owedGauge.set(owed);
            LOG.errorf("dumper: type %s owes %s fires since %s, more than the %,d that missed-fires=each runs; none is run "
                    + "and its schedule holds: export the missed windows by hand (dumper --dump %s START END), then give "
                    + "them up by deleting %s (or set dumper.serve.missed-fires=once to run only the latest), and restart",
                    type.name(), OwedFires.describe(owed, OwedFires.COUNT_LIMIT), since.toLocalDateTime(),
                    OwedFires.EACH_LIMIT, type.name(), stateFile(type));
        }

        /** Runs one fire with its own window and waits for its end; true when it succeeded. */
        private boolean runSucceeded(ZonedDateTime fireTime) {
            RunRecord run;
            try {
                run = runs.submit(RunRequest.scheduled(type.name(), fireTime, type.replace()), "schedule");
            } catch (DumperException e) {
                if (e.exitCode == ExitCode.BUSY) {
                    metrics.skippedFire(type.name());
                }
                LOG.errorf("%s: fire at %s not run: %s; it stays owed and is tried again at the next fire", type.name(),
                        fireTime.toLocalDateTime(), e.getMessage());
                return false;
            }
            LOG.infof("%s: scheduled run %s for the fire at %s", type.name(), run.id(), fireTime.toLocalDateTime());
            awaitEnd(run);
            if (run.status() != RunRecord.Status.SUCCEEDED) {
                LOG.warnf("%s: the run of the fire at %s ended %s; the fire stays owed and is tried again, with its window, "
                        + "at the next fire", type.name(), fireTime.toLocalDateTime(),
                        run.status().name().toLowerCase(Locale.ROOT));
                return false;
            }
            return true;
        }

        private void remember(ZonedDateTime fireTime) {
            try {
                Files.createDirectories(stateFile(type).getParent());
                DurableFiles.writeDurably(stateFile(type), fireTime.toInstant().toString());
            } catch (IOException e) {
                LOG.warnf("%s: cannot record the fire time (%s); it may run again after a restart", type.name(),
                        e.getMessage());
            }
        }

        /**
         * The time up to which every fire is done: the last one whose run succeeded (or that once
         * or skip gave up earlier ones for); empty when the type never fired here.
         */
        private Optional<ZonedDateTime> lastFire() {
            try {
                return Optional.of(Instant.parse(Files.readString(stateFile(type)).trim()).atZone(types.zone()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
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

    /** The last done fire is kept beside the output, so a restarted container knows what it owes. */
    private Path stateFile(DumpType type) {
        return config.outputDirectory().resolve(".dumper/schedule/" + type.name() + ".last-fire");
    }
}
