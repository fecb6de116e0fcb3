package dumper.run;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import dumper.plan.Batch;
import dumper.publish.RunHistory;

/**
 * Prometheus metrics per type: runs by outcome, rows, bytes, run duration, last success time.
 * Served at /q/metrics in serve mode, every configured type's series from start-up on, so that
 * an alert such as "no success of bcu for 25 hours" works after a restart too.
 */
@ApplicationScoped
public class RunMetrics {

    /** The outcomes a run ends with, as counted: a cancelled run is neither success nor failure. */
    private static final List<RunRecord.Status> OUTCOMES = List.of(RunRecord.Status.SUCCEEDED, RunRecord.Status.FAILED,
            RunRecord.Status.CANCELLED);

    private final MeterRegistry registry;
    private final RunHistory history;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    RunMetrics(MeterRegistry registry, RunHistory history) {
        this.registry = registry;
        this.history = history;
    }

    /**
     * Creates every series of {@code types} at start-up: counters at 0, and the last success
     * from the newest manifest on disk (0 when the type never succeeded).
     */
    public void register(Collection<String> types) {
        for (String type : types) {
            OUTCOMES.forEach(outcome -> runs(type, outcome));
            registry.counter("dumper.rows", "type", type);
            registry.counter("dumper.bytes", "type", type);
            registry.timer("dumper.run.duration", "type", type);
            lastSuccess(type).set(history.lastSuccess(type).map(OffsetDateTime::toEpochSecond).orElse(0L));
        }
    }

    /** Counts rows and bytes as batches finish. */
    RunListener listener(String type) {
        return new RunListener() {
            @Override
            public void batchFinished(Batch batch, long rows, long bytes) {
                registry.counter("dumper.rows", "type", type).increment(rows);
                registry.counter("dumper.bytes", "type", type).increment(bytes);
            }
        };
    }

    void finished(String type, RunRecord.Status outcome, Duration elapsed) {
        runs(type, outcome).increment();
        registry.timer("dumper.run.duration", "type", type).record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
        if (outcome == RunRecord.Status.SUCCEEDED) {
            lastSuccess(type).set(System.currentTimeMillis() / 1000);
        }
    }

    private Counter runs(String type, RunRecord.Status outcome) {
        return registry.counter("dumper.runs", "type", type, "outcome", outcome.name().toLowerCase());
    }

    /** The gauge holds its number weakly; this map keeps it. */
    private AtomicLong lastSuccess(String type) {
        return lastSuccess.computeIfAbsent(type, t -> registry.gauge("dumper.last.success.seconds", List.of(Tag.of("type", t)),
                new AtomicLong()));
    }
}
