package dumper.export;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import com.mysql.cj.jdbc.JdbcConnection;

/**
 * The driver's own connection behind the pool's handle. Timeouts are set and aborts are done
 * on it: the pool's {@code abort()} only swaps its handle for a closed placeholder, leaving the
 * real connection open on the server and counted in the pool for ever.
 */
public final class DriverConnections {

    private DriverConnections() {
    }

    public static JdbcConnection of(Connection pooled) throws SQLException {
        return pooled.unwrap(JdbcConnection.class);
    }

    /**
     * Closes the socket at once, from any thread: a read blocked on it fails now, the server ends
     * the session (and its query), and no streaming result is drained first.
     */
    public static void abort(Connection driver) {
        try {
            driver.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // A connection that refuses even this is gone already.
        }
    }

    /**
     * Whether {@code e} means the connection itself failed (whatever the error code says): a
     * communications error (SQLState 08xxx), a socket error or end of stream underneath (a
     * server crash or {@code KILL CONNECTION} mid-stream arrives as S1000 "Unexpected
     * Exception: java.io.EOFException"), or a driver that has since closed the connection.
     * Such a failure is worth another attempt on a new connection.
     */
    public static boolean lost(SQLException e, Connection driver) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return driver != null && isClosed(driver);
    }

    /** True once the driver has given the connection up (aborted, or the socket failed). */
    public static boolean isClosed(Connection driver) {
        try {
            return driver.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
