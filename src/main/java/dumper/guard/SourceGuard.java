package dumper.guard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;

import dumper.config.ByteSizes;
import dumper.config.DumperConfig;
import dumper.core.Cancellation;

/**
 * The source guard: what every batch consults before and while it reads, so that a dump never
 * makes the production database it reads from wait. One {@link SourceMonitor} per datasource
 * samples the server on its own connection; operators pause, resume and cap runs here at run
 * time (per type and per datasource), through the API or a pause file.
 */
@ApplicationScoped
public class SourceGuard {

    /**
     * The comment every batch query starts with, so that each monitor can tell dumper's batches
     * (its own and other workers') from the application's queries in the process list.
     */
    public static final String BATCH_MARKER = "/* dumper batch */ ";

    private final DumperConfig.Guard settings;
    /** {@code dumper.guard.bytes-per-second}, read once: 0 for no cap. */
    private final long bytesPerSecond;
    private final MonitorConnections connections;
    private final GuardMetrics metrics;
    private final Map<String, SourceMonitor> monitors = new ConcurrentHashMap<>();
    private final Map<String, Boolean> pausedTypes = new ConcurrentHashMap<>();
    private final Map<String, RateCap[]> caps = new ConcurrentHashMap<>();
    private volatile boolean waitsOutCritical;

    SourceGuard(DumperConfig config, MonitorConnections connections, GuardMetrics metrics) {
        this.settings = config.guard();
        this.bytesPerSecond = ByteSizes.bytesPerSecond(config);
        this.connections = connections;
        this.metrics = metrics;
    }

    /** Stops the monitors before the datasources close, so none samples a closed pool. */
    void stop(@Observes ShutdownEvent event) {
        monitors.values().forEach(SourceMonitor::stop);
    }

    /** In serve and worker mode a run waits while its source is critical (up to critical-wait) instead of stopping. */
    public void waitOutCritical() {
        waitsOutCritical = true;
    }

    /**
     * Starts watching {@code datasource} ahead of its first batch: a run calls this as it begins,
     * so the load's baseline ({@code baseline-window}, which the first batch waits for) is
     * learned while it checks its query and destinations rather than after.
     */
    public void watch(String datasource) {
        if (settings.enabled()) {
            monitor(datasource);
        }
    }

    /**
     * Waits until a batch of {@code type} may read from {@code datasource}, then hands it its
     * ticket. {@code sql} is the batch's query and {@code database} its connection's schema (to
     * tell which tables it reads), {@code abort} ends its query at once (to yield to DDL), and
     * {@code onHold} hears why it waits (and null when it goes on).
     */
    public Ticket enter(String datasource, String type, String database, String sql, Cancellation cancellation,
            Runnable abort, Consumer<String> onHold) {
        if (!settings.enabled()) {
            return Ticket.UNGUARDED;
        }
        SourceMonitor monitor = monitor(datasource);
        try {
            monitor.awaitFirstSample();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Cancellation.stopped(e);
        }
        Ticket ticket = new Ticket(this, monitor, type, database, DdlStatements.words(sql), cancellation, abort).onHold(onHold);
        ticket.awaitClearance(false);
        return ticket;
    }

    private synchronized SourceMonitor monitor(String datasource) {
        SourceMonitor monitor = monitors.get(datasource);
        if (monitor == null || monitor.stopped()) {
            monitor = new SourceMonitor(datasource, settings, connections, metrics);
            monitors.put(datasource, monitor);
            Thread thread = new Thread(monitor, "dumper-guard-" + datasource);
            thread.setDaemon(true);
            thread.start();
        }
        monitor.used();
        return monitor;
    }

    Hold holdFor(SourceMonitor monitor, Ticket ticket) {
        if (pausedTypes.containsKey(ticket.type)) {
            return new Hold("operator", "paused by the operator (type " + ticket.type + ")");
        }
        return monitor.holdReason(ticket.database, ticket.queryWords);
    }

    /** Pauses every batch of {@code type}, or of {@code datasource}, until {@link #resume}. */
    public void pause(Scope scope, String name) {
        if (scope == Scope.TYPE) {
            pausedTypes.put(name, true);
        } else {
            monitor(name).pausedByOperator = true;
        }
    }

    public void resume(Scope scope, String name) {
        if (scope == Scope.TYPE) {
            pausedTypes.remove(name);
        } else {
            monitor(name).pausedByOperator = false;
        }
        monitors.values().forEach(SourceMonitor::wake);
    }

    /** Sets the caps of a type or a datasource; 0 lifts one. */
    public void cap(Scope scope, String name, double rowsPerSecond, double bytesPerSecond) {
        RateCap[] pair = caps(scope, name);
        pair[0].set(rowsPerSecond);
        pair[1].set(bytesPerSecond);
    }

    public enum Scope {
        TYPE, DATASOURCE
    }

    /** Nanoseconds a batch waits after {@code rows} and {@code bytes} more, under its type's and its datasource's caps. */
    long reserve(String datasource, String type, long rows, long bytes) {
        RateCap[] byType = caps(Scope.TYPE, type);
        RateCap[] bySource = caps(Scope.DATASOURCE, datasource);
        return Math.max(Math.max(byType[0].reserve(rows), byType[1].reserve(bytes)),
                Math.max(bySource[0].reserve(rows), bySource[1].reserve(bytes)));
    }

    private RateCap[] caps(Scope scope, String name) {
        return caps.computeIfAbsent(scope + ":" + name, k -> scope == Scope.TYPE
                ? new RateCap[] {new RateCap(settings.rowsPerSecond().orElse(0)),
                        new RateCap(bytesPerSecond)}
                : new RateCap[] {new RateCap(0), new RateCap(0)});
    }

    /** What the guard does now on each datasource it watches, for the API. */
    public List<State> states() {
        return monitors.values().stream().filter(m -> !m.stopped()).sorted(Comparator.comparing(m -> m.datasource))
                .map(m -> {
                    Hold hold = m.holdReason(null, java.util.Set.of());
                    Map<String, Double> signals = new java.util.TreeMap<>();
                    m.lastValues().forEach((s, v) -> signals.put(s.label, Double.isInfinite(v) ? null : v));
                    Map<String, Double> limits = new java.util.TreeMap<>();
                    m.limits().forEach((s, l) -> limits.put(s.label, l.pause()));
                    RateCap[] c = caps(Scope.DATASOURCE, m.datasource);
                    return new State(m.datasource, hold == null ? null : hold.text(), m.pace(), signals, limits,
                            c[0].perSecond(), c[1].perSecond());
                }).toList();
    }

    /** Types paused by an operator. */
    public List<String> pausedTypes() {
        return pausedTypes.keySet().stream().sorted().toList();
    }

    /** One datasource as the guard sees it: why it holds (null: it does not), the pace, the signals and their limits. */
    public record State(String datasource, String held, double pace, Map<String, Double> signals, Map<String, Double> limits,
            double rowsPerSecondCap, double bytesPerSecondCap) {
    }

    /** The rule each type's batches run under, for list and check. */
    public String describe() {
        if (!settings.enabled()) {
            return "off (dumper.guard.enabled=false): batches read as fast as they can";
        }
        return "holds above Threads_running " + settings.threadsRunning().stream().mapToObj(Long::toString).findFirst()
                .orElse("max(" + GuardLimits.THREADS_RUNNING_FLOOR + ", start +20%)") + ", history list length "
                + settings.historyListLength().stream().mapToObj(Long::toString).findFirst()
                        .orElse("max(" + GuardLimits.HISTORY_LIST_FLOOR + ", start +20%)")
                + ", replica lag " + settings.replicaLag().toSeconds() + " s"
                + settings.throttleQuery().map(q -> ", a throttle query").orElse("")
                + settings.pauseFile().map(f -> ", pause file " + f).orElse("")
                + (settings.loadTarget() > 0 ? "; reads more slowly while the average Threads_running is over "
                        + Limit.format(settings.loadTarget()) + " times its value while no batch reads, one batch at a time"
                        : "")
                + "; statement limit " + settings.statementTimeLimit().toSeconds() + " s"
                + Optional.of(settings.rowsPerSecond()).filter(o -> o.isPresent()).map(o -> ", " + o.getAsLong() + " rows/s cap")
                        .orElse("");
    }

    boolean waitsOutCritical() {
        return waitsOutCritical;
    }

    public DumperConfig.Guard settings() {
        return settings;
    }

    GuardMetrics metrics() {
        return metrics;
    }
}
