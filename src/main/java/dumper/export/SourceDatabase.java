package dumper.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import dumper.config.DumperConfig;
import dumper.run.DumperException;
import dumper.run.ExitCode;

/** Opens connections to the configured source datasources, with errors a person can act on. */
@ApplicationScoped
public class SourceDatabase {

    public static final String DEFAULT = "<default>";

    private final Instance<AgroalDataSource> dataSources;
    private final DumperConfig config;

    SourceDatabase(@Any Instance<AgroalDataSource> dataSources, DumperConfig config) {
        this.dataSources = dataSources;
        this.config = config;
    }

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
                }
            }
            return connection;
        } catch (SQLException e) {
            close(connection);
            throw new DumperException(ExitCode.DATABASE, "cannot connect to " + settings.describe() + ": "
                    + settings.driverMessage(firstLine(e)) + "; check that the server runs and the URL, user and password are right", e);
        }
    }

    /** Checks that a datasource answers, before any work that needs it. */
    public void check(String name) {
        close(open(name));
    }

    public static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage()).strip();
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol).strip();
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
