package dumper.guard;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import dumper.core.DumperException;

/**
 * Reads the signals on the monitor connection. A signal the monitor's user may not read is
 * named once in a warning and left out; the others still apply. Values: Threads_running as the
 * server counts it (the caller takes dumper's own sessions off), the history list length, the
 * replica lag in seconds (infinite when replication is stopped, absent when the server is no
 * replica), the throttle query's first column.
 */
final class SignalReader {

    private static final Logger LOG = Logger.getLogger("dumper.guard");
    private static final String THREADS_RUNNING_SQL = "SHOW GLOBAL STATUS LIKE 'Threads_running'";

    private final String datasource;
    private final Optional<String> heartbeatTable;
    private final Optional<String> throttleQuery;
    private final Set<Signal> unreadable = EnumSet.noneOf(Signal.class);

    SignalReader(String datasource, Optional<String> heartbeatTable, Optional<String> throttleQuery) {
        this.datasource = datasource;
        this.heartbeatTable = heartbeatTable;
        this.throttleQuery = throttleQuery;
    }

    /** One sample; a lost connection fails it (the caller opens a new one). */
    Map<Signal, Double> read(Connection connection) throws SQLException {
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        try (Statement s = connection.createStatement()) {
            read(Signal.THREADS_RUNNING, values, s, () -> single(s, THREADS_RUNNING_SQL, 2));
            read(Signal.HISTORY_LIST_LENGTH, values, s, () -> single(s,
                    "SELECT `count` FROM information_schema.INNODB_METRICS WHERE name = 'trx_rseg_history_len'", 1));
            read(Signal.REPLICA_LAG, values, s, () -> lag(s));
            if (throttleQuery.isPresent()) {
                read(Signal.THROTTLE_QUERY, values, s, () -> single(s, throttleQuery.get(), 1));
            }
        }
        return values;
    }

    /** Threads_running as the server counts it now, for the interval's average: one cheap status variable. */
    double threadsRunning(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            return single(s, THREADS_RUNNING_SQL, 2);
        }
    }

    private interface Reading {
        Double value() throws SQLException;
    }

    private void read(Signal signal, Map<Signal, Double> values, Statement s, Reading reading) throws SQLException {
        if (unreadable.contains(signal)) {
            return;
        }
        try {
            Double value = reading.value();
            if (value != null) {
                values.put(signal, value);
            }
        } catch (SQLException e) {
            // A statement closed under the sample (the pool closes the connection at shutdown) is
            // no missing privilege: the caller deals with it as with a lost connection.
            if (isConnectionLost(e) || s.isClosed()) {
                throw e;
            }
            unreadable.add(signal);
            LOG.warnf("guard: cannot read %s on datasource %s (%s; it needs %s); the other signals still apply",
                    signal.label, datasource, DumperException.firstLine(e), signal.privilege);
        }
    }

    /** Seconds behind the source: a pt-heartbeat table's newest row, else the replica's own count. */
    private Double lag(Statement s) throws SQLException {
        if (heartbeatTable.isPresent()) {
            Double lag = single(s, "SELECT TIMESTAMPDIFF(MICROSECOND, MAX(ts), UTC_TIMESTAMP(6)) / 1e6 FROM " + heartbeatTable.get(), 1);
            return lag == null ? Double.POSITIVE_INFINITY : lag;
        }
        // SHOW REPLICA STATUS: MariaDB 10.5+ and MySQL 8.0.22+, whose column is Seconds_Behind_Source.
        try (ResultSet r = s.executeQuery("SHOW REPLICA STATUS")) {
            if (!r.next()) {
                return null; // not a replica
            }
            String column = hasColumn(r, "Seconds_Behind_Source") ? "Seconds_Behind_Source" : "Seconds_Behind_Master";
            long seconds = r.getLong(column);
            return r.wasNull() ? Double.POSITIVE_INFINITY : seconds;
        }
    }

    private static boolean hasColumn(ResultSet r, String name) throws SQLException {
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            if (r.getMetaData().getColumnLabel(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Column {@code column} of the first row as a number; null without a row. */
    private static Double single(Statement s, String sql, int column) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                return null;
            }
            double value = r.getDouble(column);
            return r.wasNull() ? null : value;
        }
    }

    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08") || e.getErrorCode() == 2006 || e.getErrorCode() == 2013;
    }

}
