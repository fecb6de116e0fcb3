package dumper.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

import dumper.plan.Batch;

/**
 * Prometheus metrics per type: runs by outcome, rows, bytes, run duration, last success time.
 * Served at /q/metrics in serve mode.
 */
@ApplicationScoped
public class RunMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        registry.counter("dumper.runs", "type", type, "outcome", outcome.name().toLowerCase()).increment();
        registry.timer("dumper.run.duration", "type", type).record(elapsed.toNanos(), TimeUnit.NANOSECONDS);
        if (outcome == RunRecord.Status.SUCCEEDED) {
            lastSuccess.computeIfAbsent(type, t -> registry.gauge("dumper.last.success.seconds",
                    java.util.List.of(io.micrometer.core.instrument.Tag.of("type", t)), new AtomicLong()))
                    .set(System.currentTimeMillis() / 1000);
        }
    }
}
