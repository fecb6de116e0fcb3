package dumper.export;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import com.mysql.cj.jdbc.JdbcConnection;

import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * The one connection a run (or one of its threads) reads through. Opened on first use, so the
 * first open fails and is retried like any later one; once broken or discarded it is never used
 * again, and the next use opens a fresh one.
 */
public final class SourceConnection implements AutoCloseable {

    /** Longest wait to end an abandoned query on the server (connect, KILL, and until it is gone). */
    private static final int KILL_WAIT_MILLIS = 10_000;

    private final SourceDatabase database;
    private final String datasource;
    private Connection pooled;
    private JdbcConnection driver;
    private Duration statementLimit;
    private Connection limitedConnection;

    public SourceConnection(SourceDatabase database, String datasource) {
        this.database = database;
        this.datasource = datasource;
    }

    /** True when this reads from {@code name}: a worker's consumer changes connection when a batch of another datasource comes. */
    public boolean readsFrom(String name) {
        return datasource.equals(name);
    }

    /** The open connection; a new one when there is none yet or the last one broke. */
    public Connection get() {
        if (pooled != null && DriverConnections.isClosed(driver)) {
            discard();
        }
        if (pooled == null) {
            Connection opened = database.open(datasource);
            driver = database.driver(opened);
            pooled = opened;
        }
        return pooled;
    }

    /** The driver's connection behind {@link #get()}, for timeouts and aborts. */
    JdbcConnection driver() {
        get();
        return driver;
    }

    /**
     * Drops the connection for good (it may be dead, or still streaming a killed query): the
     * driver's connection is aborted, so the server ends its session, and the pool's handle goes
     * back to the pool, which finds it invalid on the next borrow and destroys it.
     */
    public void discard() {
        if (pooled == null) {
            return;
        }
        DriverConnections.abort(driver);
        closeHandle();
    }

    /** The server's id of the session behind {@link #get()} (its {@code CONNECTION_ID()}). */
    long sessionId() {
        return driver().getId();
    }

    /**
     * After a query on session {@code sessionId} was given up: when its connection is closed (aborted,
     * timed out or lost), the server may still be running the query, so end it there and wait
     * until it is gone (see {@link AbandonedQueries}), before anyone starts it again. A connection
     * still open got the server's own answer: its query is over.
     */
    void endIfAbandoned(Connection driverConnection, long sessionId) {
        if (DriverConnections.isClosed(driverConnection)) {
            // Bounded well below the read timeout: a network that froze the reading connection may
            // freeze the killer's too, and a stop (SIGTERM, cancel) must not wait for it.
            AbandonedQueries.end(datasource, sessionId, Math.min(database.readTimeoutMillis(), KILL_WAIT_MILLIS));
        }
    }

    /** From now until {@link #rowsFlowing()}, the server may stay silent up to the first-row timeout. */
    void awaitingFirstRow() throws SQLException {
        driver().setNetworkTimeout(Runnable::run, database.firstRowTimeoutMillis());
    }

    /** A statement a person waits for ({@code dumper check}): the server may stay silent only up to the read timeout. */
    void awaitingAnswer() throws SQLException {
        driver().setNetworkTimeout(Runnable::run, database.readTimeoutMillis());
    }

    /** Rows arrive: from now on the server may stay silent only up to the read timeout. */
    void rowsFlowing() throws SQLException {
        driver().setNetworkTimeout(Runnable::run, database.readTimeoutMillis());
    }

    /**
     * Bounds each query of this session on the server ({@code max_statement_time} on MariaDB,
     * {@code max_execution_time} for SELECT on MySQL); set once per connection. Zero: no bound.
     */
    void limitStatementTime(Duration limit) {
        Connection connection = get();
        if (limit.equals(statementLimit) && connection == limitedConnection) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            boolean mariadb = connection.getMetaData().getDatabaseProductVersion().contains("MariaDB");
            statement.execute(mariadb ? "SET SESSION max_statement_time = " + limit.toMillis() / 1000.0
                    : "SET SESSION max_execution_time = " + limit.toMillis());
        } catch (SQLException e) {
            String reason = "cannot set the statement time limit: " + DumperException.firstLine(e);
            if (DriverConnections.lost(e, driver)) {
                throw new TransientDatabaseFailure(reason + "; run the same command again to resume", reason, e);
            }
            throw new DumperException(ExitCode.DATABASE, reason + "; set dumper.guard.statement-time-limit=PT0S if "
                    + "this server has no such limit", e);
        }
        statementLimit = limit;
        limitedConnection = connection;
    }

    /** The schema this connection reads by default, to tell which tables its queries read. */
    String database() {
        try {
            return get().getCatalog();
        } catch (SQLException e) {
            return null;
        }
    }

    int maxRowBytes() {
        return database.maxRowBytes();
    }

    @Override
    public void close() {
        closeHandle();
    }

    private void closeHandle() {
        if (pooled == null) {
            return;
        }
        try {
            pooled.close();
        } catch (SQLException | RuntimeException ignored) {
            // Nothing is lost: every batch read through it is committed or will be read again.
        } finally {
            pooled = null;
            driver = null;
        }
    }
}
