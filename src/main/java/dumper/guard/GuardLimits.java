package dumper.guard;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import dumper.config.DumperConfig;

/**
 * The limits that apply to a datasource: those set, and for those unset the rule of
 * pt-online-schema-change ({@code --max-load}: the start-up value +20%; {@code --critical-load}:
 * twice it), never below an absolute floor, so a server that was quiet at start-up does not
 * make every blip a hold, and one that was busy is not held for good.
 */
final class GuardLimits {

    static final long THREADS_RUNNING_FLOOR = 25;
    static final long THREADS_RUNNING_CRITICAL_FLOOR = 50;
    static final long HISTORY_LIST_FLOOR = 100_000;

    private GuardLimits() {
    }

    /** Limits for every signal the first sample could read; the throttle query holds on any value above 0. */
    static Map<Signal, Limit> derive(DumperConfig.Guard s, Map<Signal, Double> start) {
        Map<Signal, Limit> limits = new EnumMap<>(Signal.class);
        double threads = start.getOrDefault(Signal.THREADS_RUNNING, 0.0);
        limits.put(Signal.THREADS_RUNNING, new Limit(Signal.THREADS_RUNNING,
                s.threadsRunning().isPresent() ? s.threadsRunning().getAsLong() : Limit.derived(threads, 1.2, THREADS_RUNNING_FLOOR),
                s.threadsRunningCritical().isPresent() ? s.threadsRunningCritical().getAsLong()
                        : Limit.derived(threads, 2, THREADS_RUNNING_CRITICAL_FLOOR)));
        double history = start.getOrDefault(Signal.HISTORY_LIST_LENGTH, 0.0);
        limits.put(Signal.HISTORY_LIST_LENGTH, new Limit(Signal.HISTORY_LIST_LENGTH,
                s.historyListLength().isPresent() ? s.historyListLength().getAsLong() : Limit.derived(history, 1.2, HISTORY_LIST_FLOOR),
                s.historyListLengthCritical().isPresent() ? s.historyListLengthCritical().getAsLong() : Double.POSITIVE_INFINITY));
        limits.put(Signal.REPLICA_LAG, new Limit(Signal.REPLICA_LAG, seconds(s.replicaLag()),
                s.replicaLagCritical().map(GuardLimits::seconds).orElse(Double.POSITIVE_INFINITY)));
        limits.put(Signal.THROTTLE_QUERY, new Limit(Signal.THROTTLE_QUERY, 0, Double.POSITIVE_INFINITY));
        return limits;
    }

    /** {@code hold above Threads_running 30 (critical 50), ...}: the limits as a log line shows them. */
    static String describe(Collection<Limit> limits) {
        return "holds above " + limits.stream().filter(l -> l.signal() != Signal.THROTTLE_QUERY)
                .map(l -> l.signal().label + " " + Limit.format(l.pause()) + (l.signal() == Signal.REPLICA_LAG ? " s" : "")
                        + (Double.isInfinite(l.critical()) ? "" : " (critical " + Limit.format(l.critical()) + ")"))
                .collect(Collectors.joining(", "));
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
