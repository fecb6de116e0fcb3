package dumper.export;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import dumper.config.ByteSizes;
import dumper.config.ConfigProblem;
import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.guard.MonitorConnections;

/** Opens connections to the configured source datasources, with errors a person can act on. */
@ApplicationScoped
public class SourceDatabase implements MonitorConnections {

    public static final String DEFAULT = "<default>";
    /** Heap bytes per byte of the largest row, by default. */
    public static final int HEAP_PER_ROW_BYTE = 16;

    private final Instance<AgroalDataSource> dataSources;
    private final DumperConfig config;

    SourceDatabase(@Any Instance<AgroalDataSource> dataSources, DumperConfig config) {
        this.dataSources = dataSources;
        this.config = config;
    }

    @Override
    public Connection open(String name) {
        Instance<AgroalDataSource> selected = DEFAULT.equals(name)
                ? dataSources.select(Default.Literal.INSTANCE)
                : dataSources.select(new DataSource.DataSourceLiteral(name));
        DataSourceSettings settings = DataSourceSettings.of(name);
        if (!selected.isResolvable()) {
            settings.requireUrl();
        }
        Connection connection = null;
        try {
            connection = selected.isResolvable() ? selected.get().getConnection() : settings.connect();
            // Bound every wait on this connection (session set-up, EXPLAIN, report entries; the
            // export widens it until its first row), and refuse rows too large for this heap
            // before the driver tries to hold one. Both on the driver's connection: the pool's
            // handle would log a warning resetting them on every return.
            JdbcConnection driver = DriverConnections.of(connection);
            driver.setNetworkTimeout(Runnable::run, readTimeoutMillis());
            driver.getPropertySet().getIntegerProperty(PropertyKey.maxAllowedPacket).setValue(maxRowBytes());
            // The driver sets net_write_timeout to this while a result streams: a stream the guard
            // holds (up to dumper.guard.hold-in-batch) must never be cut by the server.
            driver.getPropertySet().getIntegerProperty(PropertyKey.netTimeoutForStreamingResults)
                    .setValue((int) Math.max(600, 2 * config.guard().holdInBatch().toSeconds() + 60));
            // Values are written as the bytes the server sends: have it send every text column
            // as UTF-8 (without this, Connector/J asks for each column's own character set, and a
            // latin1 column's "é" would reach the file as one invalid byte). Binary columns stay
            // as they are. Set here rather than in JDBC properties, so every datasource gets it.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET character_set_results = utf8mb4");
            }
            Optional<String> zone = config.sessionTimeZone();
            if (zone.isPresent()) {
                try (PreparedStatement statement = connection.prepareStatement("SET time_zone = ?")) {
                    statement.setString(1, zone.get());
                    statement.execute();
                } catch (SQLException e) {
                    if (DriverConnections.lost(e, null)) {
                        throw e; // the connection failed, not the setting: handled as any connection failure below
                    }
                    // The server answered: the setting is wrong, not the connection.
                    close(connection);
                    throw new ConfigProblem("dumper.session-time-zone=" + zone.get() + " is not a time zone the server knows ("
                            + DumperException.firstLine(e) + "); use an offset such as +00:00, or load the server's time zone tables");
                }
            }
            return connection;
        } catch (SQLException e) {
            close(connection);
            String message = stalled(e)
                    ? "the connection to " + settings.describe() + " stalled: the server sent nothing for longer than "
                            + "dumper.source.read-timeout (" + config.source().readTimeout() + "; while logging in, the JDBC "
                            + "socketTimeout); check the network path to the server and that it is not overloaded"
                    : "cannot connect to " + settings.describe() + ": " + settings.driverMessage(DumperException.firstLine(e))
                            + "; check that the server runs and the URL, user and password are right";
            // A server restarting, a network blip, or no connection within the pool's acquisition
            // timeout (it retries a failing login until then): worth another attempt.
            boolean worthRetrying = DriverConnections.lost(e, null) || String.valueOf(e.getMessage()).startsWith("Acquisition timeout");
            throw worthRetrying ? new TransientDatabaseFailure(message, "cannot connect: " + settings.driverMessage(DumperException.firstLine(e)), e)
                    : new DumperException(ExitCode.DATABASE, message, e);
        }
    }

    /** True when {@code e} is a wait that timed out: the server (or the path to it) stopped answering. */
    static boolean stalled(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Checks that a datasource answers, before any work that needs it. */
    public void check(String name) {
        close(open(name));
    }

    /** The driver's own connection behind a pooled one. */
    JdbcConnection driver(Connection pooled) {
        try {
            return DriverConnections.of(pooled);
        } catch (SQLException e) {
            throw new IllegalStateException("not a Connector/J connection", e);
        }
    }

    int readTimeoutMillis() {
        return millis(config.source().readTimeout());
    }

    int firstRowTimeoutMillis() {
        return millis(config.source().firstRowTimeout());
    }

    /**
     * The largest row accepted. By default a sixteenth of the heap, measured (docs/operations.md, huge rows): the driver
     * holds the row, the encoder a copy of each value (twice its size as hex) and the output
     * buffer the encoded row, beside what the process needs anyway.
     */
    public int maxRowBytes() {
        long bytes = ByteSizes.maxRowSize(config).orElse(Runtime.getRuntime().maxMemory() / HEAP_PER_ROW_BYTE);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1024, bytes));
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }


    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }
}
