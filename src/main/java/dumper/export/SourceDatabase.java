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

import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;

import dumper.config.ConfigProblem;
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
        if (!selected.isResolvable()) {
            throw new ConfigProblem("datasource '" + name + "' is not configured; declare quarkus.datasource.\"" + name + "\".*");
        }
        Connection connection = null;
        try {
            connection = selected.get().getConnection();
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
            throw new DumperException(ExitCode.DATABASE, "cannot connect to " + describe(name) + ": " + firstLine(e)
                    + "; check that the server runs and the URL, user and password are right", e);
        }
    }

    /** The URL and user of a datasource, never its password. */
    static String describe(String name) {
        String prefix = DEFAULT.equals(name) ? "quarkus.datasource." : "quarkus.datasource.\"" + name + "\".";
        var cfg = ConfigProvider.getConfig();
        String url = cfg.getOptionalValue(prefix + "jdbc.url", String.class).orElse("(no " + prefix + "jdbc.url)");
        String user = cfg.getOptionalValue(prefix + "username", String.class).orElse("(no user)");
        return withoutPassword(url) + " as " + user;
    }

    /** A JDBC URL with any password in it (as {@code password=} or {@code //user:password@host}) masked. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;)]*", "$1***")
                .replaceAll("(//[^/@:?]*:)[^@/?]*@", "$1***@");
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
