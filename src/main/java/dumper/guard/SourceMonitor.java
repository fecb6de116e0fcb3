package dumper.guard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import com.mysql.cj.jdbc.JdbcConnection;

import dumper.config.DumperConfig;
import dumper.core.DumperException;

/**
 * Samples one datasource's health on its own connection (never an export connection) every
 * {@code dumper.guard.interval}, and says whether batches may read, how fast, and why not. A
 * signal over its limit holds every batch; the hold ends after {@code resume-after} healthy
 * samples in a row (hysteresis). Near a limit the pace halves, and it grows back gently while
 * every signal is healthy. A signal above its critical limit in two samples in a row makes the
 * source critical.
 */
final class SourceMonitor implements Runnable {

    private static final Logger LOG = Logger.getLogger("dumper.guard");
    /** Slowest pace: batches still advance, at a thirty-second of their speed. */
    static final double MIN_PACE = 1.0 / 32;
    private static final double SPEED_UP = 0.1;
    /** A monitor with no batch for this long closes its connection (serve keeps running). */
    private static final long IDLE_NANOS = 60_000_000_000L;

    final String datasource;
    private final DumperConfig.Guard settings;
    private final MonitorConnections connections;
    private final SignalReader reader;
    private final GuardMetrics metrics;
    /** Batches reading now: their sessions are not counted in Threads_running. */
    final Set<Ticket> active = ConcurrentHashMap.newKeySet();
    private final Map<Signal, Limit> limits = new EnumMap<>(Signal.class);

    private Connection connection;
    private boolean connectionWarned;
    private volatile boolean sampled;
    private volatile Map<Signal, Double> last = Map.of();
    private volatile Hold over;
    private volatile Hold critical;
    private Hold criticalCandidate;
    private int healthy;
    private volatile double pace = 1.0;
    /** Tables that DDL statements now change or wait to change, with the statement's first word. */
    private volatile Map<String, String> ddlTables = Map.of();
    private volatile boolean pausedByFile;
    volatile boolean pausedByOperator;
    private volatile boolean stopped;
    private int waiters;
    private long lastUsed = System.nanoTime();

    SourceMonitor(String datasource, DumperConfig.Guard settings, MonitorConnections connections, GuardMetrics metrics) {
        this.datasource = datasource;
        this.settings = settings;
        this.connections = connections;
        this.metrics = metrics;
        this.reader = new SignalReader(datasource, settings.heartbeatTable(), settings.throttleQuery());
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                sample();
                synchronized (this) {
                    notifyAll();
                    if (active.isEmpty() && waiters == 0 && System.nanoTime() - lastUsed > IDLE_NANOS) {
                        stopped = true;
                        break;
                    }
                    wait(Math.max(10, settings.interval().toMillis()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            close();
        }
    }

    boolean stopped() {
        return stopped;
    }

    void stop() {
        stopped = true;
        synchronized (this) {
            notifyAll();
        }
    }

    /** Waits for the first sample, which the limits left unset are derived from. */
    synchronized void awaitFirstSample() throws InterruptedException {
        lastUsed = System.nanoTime();
        while (!sampled && !stopped) {
            wait(100);
        }
    }

    /** Why a batch of a query with these words, on {@code database}, may not read now, or null. */
    Hold holdReason(String database, Set<String> queryWords) {
        if (pausedByOperator) {
            return new Hold("operator", "paused by the operator (datasource " + datasource + ")");
        }
        if (pausedByFile) {
            return new Hold("pause_file", "paused, pause file " + settings.pauseFile().orElse("") + " exists");
        }
        String ddl = ddlOn(database, queryWords);
        if (ddl != null) {
            return new Hold("ddl", ddl);
        }
        Hold c = critical;
        return c != null ? c : over;
    }

    /**
     * {@code ALTER on vaccination_event, yielding to it}, when a DDL statement changes a table
     * the query reads: a word of the query, in the batch's database or one the query names.
     */
    String ddlOn(String database, Set<String> queryWords) {
        for (Map.Entry<String, String> ddl : ddlTables.entrySet()) {
            String schema = ddl.getKey().substring(0, ddl.getKey().indexOf('.'));
            String table = ddl.getKey().substring(schema.length() + 1);
            if (queryWords.contains(table) && (schema.equalsIgnoreCase(String.valueOf(database)) || queryWords.contains(schema))) {
                return ddl.getValue() + " on " + table + ", yielding to it";
            }
        }
        return null;
    }

    Hold critical() {
        return critical;
    }

    double pace() {
        return pace;
    }

    Map<Signal, Double> lastValues() {
        return last;
    }

    Map<Signal, Limit> limits() {
        synchronized (limits) {
            return Map.copyOf(limits);
        }
    }

    synchronized void waiting(boolean starts) {
        waiters += starts ? 1 : -1;
        lastUsed = System.nanoTime();
    }

    synchronized void used() {
        lastUsed = System.nanoTime();
    }

    /** Wakes the batches waiting on this source, after an operator's change. */
    synchronized void wake() {
        notifyAll();
    }

    private void sample() {
        pausedByFile = settings.pauseFile().map(f -> Files.exists(Path.of(f))).orElse(false);
        try {
            if (connection == null) {
                connection = connections.open(datasource);
                // A sample must not hang on a stalled network; on the driver's connection, since the
                // pool's handle would log a warning resetting it when the monitor gives it back.
                connection.unwrap(JdbcConnection.class).setNetworkTimeout(Runnable::run,
                        (int) Math.max(5000, settings.interval().toMillis() * 10));
                connectionWarned = false;
            }
            Map<Signal, Double> values = new EnumMap<>(reader.read(connection));
            values.computeIfPresent(Signal.THREADS_RUNNING, (s, v) -> Math.max(0, v - 1 - active.size()));
            ddlTables = ddlTables(connection);
            yieldToDdl();
            judge(values);
            last = values;
            metrics.sampled(this, values);
        } catch (SQLException | RuntimeException e) {
            close();
            // At shutdown the pool closes the connection under a sample: not worth a warning.
            if (!connectionWarned && !stopped) {
                connectionWarned = true;
                LOG.warnf("guard: cannot sample datasource %s (%s); batches go on unguarded until the monitor connects again",
                        datasource, DumperException.firstLine(e));
            }
        } finally {
            sampled = true;
        }
    }

    private void judge(Map<Signal, Double> values) {
        if (limits.isEmpty()) {
            synchronized (limits) {
                limits.putAll(GuardLimits.derive(settings, values));
            }
            LOG.infof("guard: datasource %s: %s", datasource, GuardLimits.describe(limits.values()));
        }
        Hold overNow = null;
        Hold criticalNow = null;
        boolean near = false;
        for (Map.Entry<Signal, Double> value : values.entrySet()) {
            Limit limit = limits.get(value.getKey());
            double v = value.getValue();
            if (limit == null) {
                continue;
            }
            if (v > limit.critical() && criticalNow == null) {
                criticalNow = new Hold("critical", "critical, " + limit.describe(v, limit.critical()));
            }
            if (v > limit.pause() && overNow == null) {
                overNow = new Hold(value.getKey().metricName(), limit.describe(v, limit.pause()));
            }
            near |= v > limit.pause() * settings.slowDownAt();
        }
        // Critical only when a second sample confirms it: one spike does not stop a run.
        Hold confirmed = criticalNow != null && criticalCandidate != null ? criticalNow : criticalNow == null ? null : critical;
        if (confirmed != null && critical == null) {
            LOG.warnf("guard: datasource %s: %s (confirmed by a second sample)", datasource, confirmed.text());
        }
        critical = confirmed;
        criticalCandidate = criticalNow;
        if (overNow != null) {
            if (over == null) {
                pace = Math.max(MIN_PACE, pace / 2);
                LOG.warnf("guard: datasource %s: holding batches, %s", datasource, overNow.text());
            }
            over = overNow;
            healthy = 0;
        } else if (over != null && ++healthy >= Math.max(1, settings.resumeAfter())) {
            LOG.infof("guard: datasource %s: resuming after %d healthy samples (was %s)", datasource, healthy, over.text());
            over = null;
        } else if (near) {
            pace = Math.max(MIN_PACE, pace / 2);
        } else if (over == null) {
            pace = Math.min(1.0, pace + SPEED_UP);
        }
    }

    /** Ends at once every batch that reads a table a DDL statement waits for. */
    private void yieldToDdl() {
        for (Ticket ticket : active) {
            String ddl = ddlOn(ticket.database, ticket.queryWords);
            if (ddl != null) {
                ticket.yieldNow(ddl);
            }
        }
    }

    /**
     * Tables ({@code schema.table}, lower case) that a DDL statement changes or waits to change,
     * with its first word. Needs PROCESS to see other users' sessions.
     */
    private static Map<String, String> ddlTables(Connection connection) throws SQLException {
        Map<String, String> tables = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT DB, INFO FROM "
                + "information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND ID <> CONNECTION_ID() AND INFO IS NOT NULL")) {
            while (r.next()) {
                String info = r.getString(2);
                Optional<String> table = DdlStatements.table(info, r.getString(1));
                table.ifPresent(t -> tables.put(t, info.strip().split("\\s+")[0].toUpperCase(Locale.ROOT)));
            }
        }
        return tables;
    }

    private void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // The next sample opens a new one.
            }
            connection = null;
        }
    }
}
