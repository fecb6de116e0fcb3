package dumper.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dumper.config.DumperConfig;
import dumper.plan.Batch;
import dumper.publish.RunHistory;

/**
 * Prometheus metrics per type: runs by outcome, rows, bytes, retries, run duration, the elapsed
 * time of the run in progress, last success and last failure times, skipped scheduled fires;
 * and the staging area's disk use. Served at /q/metrics in serve mode, every configured type's
 * series from start-up on, so that an alert such as "no success of bcu for 25 hours" works after
 * a restart too. Each series has its HELP text (docs/operations.md lists them).
 */
@ApplicationScoped
public class RunMetrics {

    /** The outcomes a run ends with, as counted: a cancelled run is neither success nor failure. */
    private static final List<RunRecord.Status> OUTCOMES = List.of(RunRecord.Status.SUCCEEDED, RunRecord.Status.FAILED,
            RunRecord.Status.CANCELLED);

    private final MeterRegistry registry;
    private final RunHistory history;
    private final Path staging;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastFailure = new ConcurrentHashMap<>();
    /** When the run of a type in progress started (System.nanoTime), by type; absent when none runs. */
    private final Map<String, Long> runningSince = new ConcurrentHashMap<>();

    RunMetrics(MeterRegistry registry, RunHistory history, DumperConfig config) {
        this.registry = registry;
        this.history = history;
        this.staging = config.outputDirectory().resolve(".dumper");
    }

    /**
     * Creates every series of {@code types} at start-up: counters at 0, and the last success
     * from the newest manifest on disk (0 when the type never succeeded).
     */
    public void register(Collection<String> types) {
        for (String type : types) {
            OUTCOMES.forEach(outcome -> runs(type, outcome));
            rows(type);
            bytes(type);
            retries(type);
            skippedFires(type);
            duration(type);
            lastSuccess(type).set(history.lastSuccess(type).map(OffsetDateTime::toEpochSecond).orElse(0L));
            lastFailure(type);
            Gauge.builder("dumper.run.elapsed.seconds", runningSince, since -> elapsedSeconds(since.get(type)))
                    .description("Seconds the run of this type in progress has been running; 0 when none runs")
                    .tag("type", type).register(registry);
        }
        Gauge.builder("dumper.staging.bytes", staging, RunMetrics::diskUse)
                .description("Bytes in the staging area (<output-dir>/.dumper): finished batches of unfinished runs")
                .register(registry);
    }

    /** Counts rows, bytes and retries as batches go. */
    RunListener listener(String type) {
        return new RunListener() {
            @Override
            public void batchFinished(Batch batch, long rows, long bytes) {
                rows(type).increment(rows);
                bytes(type).increment(bytes);
            }

            @Override
            public void retried() {
                retries(type).increment();
            }
        };
    }

    void started(String type) {
        runningSince.put(type, System.nanoTime());
    }

    void finished(String type, RunRecord.Status outcome, Duration elapsed) {
        runningSince.remove(type);
        runs(type, outcome).increment();
        duration(type).record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
        if (outcome == RunRecord.Status.SUCCEEDED) {
            lastSuccess(type).set(System.currentTimeMillis() / 1000);
        } else if (outcome == RunRecord.Status.FAILED) {
            lastFailure(type).set(System.currentTimeMillis() / 1000);
        }
    }

    /** A scheduled fire of {@code type} that did not start a run (the type still ran). */
    public void skippedFire(String type) {
        skippedFires(type).increment();
    }

    private Counter runs(String type, RunRecord.Status outcome) {
        return Counter.builder("dumper.runs").description("Runs that ended, by outcome (succeeded, failed, cancelled)")
                .tags("type", type, "outcome", outcome.name().toLowerCase()).register(registry);
    }

    private Counter rows(String type) {
        return Counter.builder("dumper.rows").description("Rows exported").tag("type", type).register(registry);
    }

    private Counter bytes(String type) {
        return Counter.builder("dumper.bytes").description("Bytes of text exported, before compression").tag("type", type)
                .register(registry);
    }

    private Counter retries(String type) {
        return Counter.builder("dumper.batch.retries")
                .description("Batches (or query checks) started again after a transient database failure")
                .tag("type", type).register(registry);
    }

    private Counter skippedFires(String type) {
        return Counter.builder("dumper.schedule.skipped.fires")
                .description("Scheduled fires skipped because the type's previous run still ran").tag("type", type)
                .register(registry);
    }

    private Timer duration(String type) {
        return Timer.builder("dumper.run.duration").description("How long runs took, whatever their outcome")
                .tag("type", type).register(registry);
    }

    /** The gauge holds its number weakly; this map keeps it. */
    private AtomicLong lastSuccess(String type) {
        return lastSuccess.computeIfAbsent(type, t -> epochGauge("dumper.last.success.seconds",
                "Unix time the last successful run of this type ended; 0 when none did", t));
    }

    private AtomicLong lastFailure(String type) {
        return lastFailure.computeIfAbsent(type, t -> epochGauge("dumper.last.failure.seconds",
                "Unix time the last failed run of this type ended (since start-up); 0 when none did", t));
    }

    private AtomicLong epochGauge(String name, String help, String type) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).description(help).tag("type", type).register(registry);
        return value;
    }

    private static double elapsedSeconds(Long since) {
        return since == null ? 0 : (System.nanoTime() - since) / 1e9;
    }

    /** The bytes of every file under {@code dir}; 0 when it does not exist. */
    private static double diskUse(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    // Renamed or deleted while counted: a run moved on.
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return Double.NaN;
        }
    }
}
