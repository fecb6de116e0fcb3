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
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.mysql.cj.jdbc.JdbcConnection;

import dumper.config.DumperConfig;
import dumper.core.DumperException;

/**
 * Samples one datasource's health on its own connection (never an export connection) every
 * {@code dumper.guard.interval}, and says whether batches may read, how fast, and why not. A
 * signal over its limit holds every batch; the hold ends after {@code resume-after} healthy
 * samples in a row (hysteresis). Near a limit the pace halves; while Threads_running, averaged
 * over the interval, is above its {@link LoadAverage target} batches first read one at a time,
 * then the pace shrinks by a quarter each sample; it grows back gently while all is well. A
 * signal above its critical limit in two samples in a row makes the source critical.
 */
final class SourceMonitor implements Runnable {

    private static final Logger LOG = Logger.getLogger("dumper.guard");
    /** Slowest pace: batches still advance, at a thirty-second of their speed. */
    static final double MIN_PACE = 1.0 / 32;
    private static final double SPEED_UP = 0.1;
    /** The pace's factor while the load is above its target: gentler than halving, since noise alone crosses it at times. */
    private static final double SLOW_DOWN = 0.75;
    /**
     * The load target alone never slows batches below this: it answers for a dump's share of a
     * busy server, and a dump three times as long is the price the guard may ask for it. Only a
     * signal near its hold limit slows them further.
     */
    static final double LOAD_MIN_PACE = 1.0 / 3;
    /** A monitor with no batch for this long closes its connection (serve keeps running). */
    private static final long IDLE_NANOS = 60_000_000_000L;
    /**
     * The load rule's first step: batches read one at a time, until it has not fired for this
     * long; only while the load stays over its target with one batch does the pace shrink. Two
     * batches at once cost a busy server's queries more than one at the pace both together would
     * be allowed (bench/README.md), and a minute without the rule firing before the second comes
     * back keeps the two from taking turns with the application's load every few seconds.
     */
    private static final long ONE_READER_NANOS = 60_000_000_000L;

    final String datasource;
    private final DumperConfig.Guard settings;
    private final MonitorConnections connections;
    private final SignalReader reader;
    private final GuardMetrics metrics;
    private final LoadAverage load;
    /** Batches reading now (admitted, not yet closed): their sessions are not counted in Threads_running. */
    final Set<Ticket> active = ConcurrentHashMap.newKeySet();
    private final Map<Signal, Limit> limits = new EnumMap<>(Signal.class);

    private Connection connection;
    private boolean connectionWarned;
    /** Whether a batch has asked to read yet (a monitor starts as its run prepares). */
    private volatile boolean batchEntered;
    private volatile boolean sampled;
    private volatile Map<Signal, Double> last = Map.of();
    private volatile Hold over;
    private volatile Hold critical;
    private Hold criticalCandidate;
    private int healthy;
    private volatile double pace = 1.0;
    /** Tables that DDL statements now change or wait to change, with the statement's first word. */
    private volatile Map<String, String> ddlTables = Map.of();
    /** Batch queries of any dumper process running on the source at the last sample (they carry {@link SourceGuard#BATCH_MARKER}). */
    private volatile int dumperBatches;
    private boolean slowedByLoad;
    /** Whether batches read one at a time (see {@link #ONE_READER_NANOS}), and until when. */
    private volatile boolean oneReader;
    private long oneReaderUntil;
    /** Rows per nanosecond each type's batches read at full pace (smoothed), which the pace is a share of. */
    private final Map<String, Double> fullSpeeds = new ConcurrentHashMap<>();
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
        this.load = new LoadAverage(settings.loadTarget());
    }

    @Override
    public void run() {
        // The thread inherits the log context of the run that started it, but the monitor serves
        // every later run on its datasource too: its lines name the datasource, not that run.
        MDC.clear();
        try {
            // The first average, before any batch reads, is the load's baseline.
            long window = settings.baselineWindow().toMillis();
            while (!stopped) {
                averageLoad(window);
                window = settings.interval().toMillis();
                if (!awaitBatch()) {
                    break;
                }
                sample();
                synchronized (this) {
                    notifyAll();
                    if (active.isEmpty() && waiters == 0 && System.nanoTime() - lastUsed > IDLE_NANOS) {
                        stopped = true;
                        break;
                    }
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

    /**
     * Before any batch has asked to read (the run still checks its query and destinations), the
     * monitor only averages the load for its baseline. Its first sample, which logs the limits it
     * derives and may warn of a missing privilege or hold, waits for a batch: a run that fails its
     * checks ends with its own line alone. False when the monitor stopped (idle) first.
     */
    private synchronized boolean awaitBatch() throws InterruptedException {
        while (!batchEntered && !stopped) {
            // Woken by the first batch (awaitFirstSample) or a stop; else until the monitor is idle.
            long idleIn = IDLE_NANOS - (System.nanoTime() - lastUsed);
            if (idleIn <= 0) {
                stopped = true;
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, idleIn);
            }
        }
        return !stopped;
    }

    /** Waits for the first sample, which the limits left unset are derived from. */
    synchronized void awaitFirstSample() throws InterruptedException {
        lastUsed = System.nanoTime();
        batchEntered = true;
        notifyAll();
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

    /** A batch of {@code type} read at {@code rowsPerNano} at full pace. */
    void fullSpeed(String type, double rowsPerNano) {
        fullSpeeds.merge(type, rowsPerNano, (old, now) -> old + 0.2 * (now - old));
    }

    /** Rows per nanosecond a batch of {@code type} reads at full pace; NaN before one did. */
    double fullSpeed(String type) {
        return fullSpeeds.getOrDefault(type, Double.NaN);
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

    /**
     * Lets {@code ticket} read, unless batches read one at a time now and another one reads: then
     * false, and the batch waits for it (its run is not held, it reads on its other batch).
     */
    synchronized boolean admit(Ticket ticket) {
        if (oneReader && !active.isEmpty()) {
            return false;
        }
        active.add(ticket);
        return true;
    }

    /** {@code ticket}'s batch has ended: a batch waiting to read may go. */
    synchronized void left(Ticket ticket) {
        active.remove(ticket);
        lastUsed = System.nanoTime();
        notifyAll();
    }

    /** Wakes the batches waiting on this source, after an operator's change. */
    synchronized void wake() {
        notifyAll();
    }

    /**
     * Reads Threads_running {@code load-samples} times over {@code millis}, for its average: one
     * reading a second would see a burst or miss it by chance, while the average is what the
     * application's queries feel.
     */
    private void averageLoad(long millis) throws InterruptedException {
        long interval = Math.max(10, millis);
        long step = Math.max(10, interval / Math.max(1, settings.loadSamples()));
        long end = System.nanoTime() + interval * 1_000_000;
        boolean connected = connect();
        while (!stopped) {
            if (connected) {
                try {
                    load.add(reader.threadsRunning(connection) - ownSessions(), batchesReading());
                } catch (SQLException | RuntimeException e) {
                    connected = false; // the sample that follows reconnects, or says why it cannot
                }
            }
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            synchronized (this) {
                wait(Math.min(step, left));
            }
        }
    }

    /** The monitor's own session and every dumper batch running (this process's, and other workers'). */
    private int ownSessions() {
        return 1 + Math.max(active.size(), dumperBatches);
    }

    /** Whether a batch of ours reads now: one that is held does not (its stream stands still). */
    private boolean batchesReading() {
        return !active.isEmpty() && over == null && critical == null && !pausedByFile && !pausedByOperator;
    }

    private boolean connect() {
        if (connection != null) {
            return true;
        }
        try {
            connection = connections.open(datasource);
            // A sample must not hang on a stalled network; on the driver's connection, since the
            // pool's handle would log a warning resetting it when the monitor gives it back.
            connection.unwrap(JdbcConnection.class).setNetworkTimeout(Runnable::run,
                    (int) Math.max(5000, settings.interval().toMillis() * 10));
            connectionWarned = false;
            return true;
        } catch (SQLException | RuntimeException e) {
            lost(e);
            return false;
        }
    }

    private void sample() {
        pausedByFile = settings.pauseFile().map(f -> Files.exists(Path.of(f))).orElse(false);
        try {
            if (!connect()) {
                return;
            }
            Map<Signal, Double> values = new EnumMap<>(reader.read(connection));
            double average = load.close();
            values.computeIfPresent(Signal.THREADS_RUNNING, (s, v) -> Math.max(0, Double.isNaN(average) ? v - ownSessions() : average));
            Sessions sessions = sessions(connection);
            ddlTables = sessions.ddlTables();
            dumperBatches = sessions.dumperBatches();
            yieldToDdl();
            judge(values);
            last = values;
            metrics.sampled(this, values);
        } catch (SQLException | RuntimeException e) {
            lost(e);
        } finally {
            sampled = true;
        }
    }

    private void lost(Exception e) {
        close();
        // At shutdown the pool closes the connection under a sample: not worth a warning. Nor is a
        // source that cannot be reached before any batch came (see awaitBatch): the run's own
        // connection says so, in the one line the run ends with.
        if (!connectionWarned && !stopped && batchEntered) {
            connectionWarned = true;
            LOG.warnf("guard: cannot sample datasource %s (%s); batches go on unguarded until the monitor connects again",
                    datasource, DumperException.firstLine(e));
        }
    }

    private void judge(Map<Signal, Double> values) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("guard: datasource %s: %s; Threads_running's baseline %s; pace %.3f", datasource, values,
                    Limit.format(round(load.baseline())), pace);
        }
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
        } else if (load.overTarget(values.getOrDefault(Signal.THREADS_RUNNING, Double.NaN))) {
            String loadNow = loadText(values.get(Signal.THREADS_RUNNING));
            oneReaderUntil = System.nanoTime() + ONE_READER_NANOS;
            if (!oneReader) {
                // Fewer batches first, then a slower pace: the speeds measured while several read
                // at once are no measure of one alone, which the pace will be a share of.
                oneReader = true;
                fullSpeeds.clear();
                LOG.infof("guard: datasource %s: one batch at a time while the load is high, %s", datasource, loadNow);
            } else {
                if (!slowedByLoad) {
                    slowedByLoad = true;
                    LOG.infof("guard: datasource %s: reading more slowly, %s", datasource, loadNow);
                }
                pace = pace <= LOAD_MIN_PACE ? pace : Math.max(LOAD_MIN_PACE, pace * SLOW_DOWN);
            }
        } else if (over == null) {
            pace = Math.min(1.0, pace + SPEED_UP);
            if (pace == 1.0 && slowedByLoad) {
                slowedByLoad = false;
                LOG.infof("guard: datasource %s: reading at full speed again", datasource);
            }
        }
        if (oneReader && System.nanoTime() - oneReaderUntil > 0) {
            oneReader = false;
            LOG.infof("guard: datasource %s: batches read side by side again", datasource);
        }
    }

    /** {@code Threads_running averages 2.3, over 1.2 times the 0.7 it averaged while no batch read}. */
    private String loadText(double average) {
        return "Threads_running averages " + Limit.format(round(average)) + ", over " + Limit.format(load.target())
                + " times the " + Limit.format(round(load.baseline())) + " it averaged while no batch read";
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
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
     * The statements running on the source that the guard cares about: the tables
     * ({@code schema.table}, lower case) that a DDL statement changes or waits to change, with its
     * first word, and how many dumper batches run. Needs PROCESS to see other users' sessions.
     */
    private record Sessions(Map<String, String> ddlTables, int dumperBatches) {
    }

    private static Sessions sessions(Connection connection) throws SQLException {
        Map<String, String> tables = new HashMap<>();
        int batches = 0;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT DB, INFO FROM "
                + "information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND ID <> CONNECTION_ID() AND INFO IS NOT NULL")) {
            while (r.next()) {
                String info = r.getString(2);
                if (info.startsWith(SourceGuard.BATCH_MARKER)) {
                    batches++;
                    continue;
                }
                Optional<String> table = DdlStatements.table(info, r.getString(1));
                table.ifPresent(t -> tables.put(t, info.strip().split("\\s+")[0].toUpperCase(Locale.ROOT)));
            }
        }
        return new Sessions(tables, batches);
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
