package dumper.guard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

/**
 * The guard's Prometheus series per datasource: each signal's last value
 * ({@code dumper_guard_signal}), the pace ({@code dumper_guard_pace}, 1 = full speed), and the
 * seconds batches were held by reason ({@code dumper_guard_held_seconds_total}, summed over
 * the threads that waited).
 */
@ApplicationScoped
public class GuardMetrics {

    private final MeterRegistry registry;
    /** Gauges hold their numbers weakly: these maps keep them (as the bits of a double). */
    private final Map<List<Tag>, AtomicLong> gauges = new ConcurrentHashMap<>();

    GuardMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void sampled(SourceMonitor monitor, Map<Signal, Double> values) {
        values.forEach((signal, value) -> gauge("dumper.guard.signal", List.of(Tag.of("datasource", monitor.datasource),
                Tag.of("signal", signal.metricName())), Double.isInfinite(value) ? Double.NaN : value));
        gauge("dumper.guard.pace", List.of(Tag.of("datasource", monitor.datasource)), monitor.pace());
    }

    void held(String datasource, String reason, double seconds) {
        registry.counter("dumper.guard.held.seconds", "datasource", datasource, "reason", reason).increment(seconds);
    }

    private void gauge(String name, List<Tag> tags, double value) {
        List<Tag> key = new java.util.ArrayList<>(tags);
        key.add(Tag.of("name", name));
        gauges.computeIfAbsent(key, k -> registry.gauge(name, tags, new AtomicLong(), bits -> Double.longBitsToDouble(bits.get())))
                .set(Double.doubleToLongBits(value));
    }
}
