package dumper.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jboss.logging.Logger;

import dumper.core.DumperException;

/**
 * Ends on the server the query of a connection this process gave up: aborted on a cancel or
 * SIGTERM, timed out, or dropped before a retry. Closing the socket does not do it: the server
 * notices a vanished client only when it next writes to it, so a query that sorts, sleeps or
 * waits on a lock before its first row runs on, and a retry would start a second copy beside
 * it. A connection of its own, outside the pool (which may be full of the run's connections),
 * sends {@code KILL CONNECTION} and waits until the session is gone from the process list: the
 * session is useless already (its socket is closed), and killing it also frees its thread, locks
 * and temporary tables, and makes "gone" simply its absence. A user may kill its own sessions
 * without any privilege.
 */
final class AbandonedQueries {

    private static final Logger LOG = Logger.getLogger("dumper.run");
    private static final int UNKNOWN_THREAD = 1094;
    private static final long POLL_MILLIS = 20;

    private AbandonedQueries() {
    }

    /**
     * Kills session {@code sessionId} of {@code datasource} and waits, at most
     * {@code timeoutMillis}, until the server no longer lists it. Never throws: a server that
     * cannot be reached has lost the session anyway; a session that outlives the wait is logged.
     */
    static void end(String datasource, long sessionId, int timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Connection killer = DataSourceSettings.of(datasource).connectWithin(timeoutMillis)) {
            try (Statement kill = killer.createStatement()) {
                kill.execute("KILL CONNECTION " + sessionId);
            } catch (SQLException e) {
                if (e.getErrorCode() != UNKNOWN_THREAD) {
                    throw e;
                }
            }
            while (listed(killer, sessionId)) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("the server still lists session %d %d ms after it was killed; its query may still run",
                            sessionId, timeoutMillis);
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("could not end session %d on the server: %s", sessionId, DumperException.firstLine(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean listed(Connection killer, long sessionId) throws SQLException {
        try (PreparedStatement statement = killer.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            statement.setLong(1, sessionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
