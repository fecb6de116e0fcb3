package dumper.export;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.mysql.cj.jdbc.Driver;

import dumper.config.ConfigProblem;

/**
 * A datasource's {@code quarkus.datasource[.NAME].*} settings as the operator wrote them, read
 * at run time. Quarkus creates named datasources only when they are declared in the build, so
 * one that the build did not declare (the report's, a type's {@code datasource}) is connected
 * here instead, with the driver directly: no pool, which one connection per run or per
 * published file does not need. It gets the default datasource's driver properties (text
 * protocol, streaming, timeouts), then its own.
 */
record DataSourceSettings(String name, Optional<String> url, Optional<String> user, Optional<String> password,
        Properties driverProperties) {

    private static final String ROOT = "quarkus.datasource.";

    static DataSourceSettings of(String name) {
        Config config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        copy(config, ROOT + "jdbc.additional-jdbc-properties.", properties);
        if (SourceDatabase.DEFAULT.equals(name)) {
            return new DataSourceSettings(name, config.getOptionalValue(ROOT + "jdbc.url", String.class),
                    config.getOptionalValue(ROOT + "username", String.class),
                    config.getOptionalValue(ROOT + "password", String.class), properties);
        }
        // The operator may write quarkus.datasource.report.* or quarkus.datasource."report".*
        String plain = ROOT + name + ".";
        String quoted = ROOT + "\"" + name + "\".";
        copy(config, plain + "jdbc.additional-jdbc-properties.", properties);
        copy(config, quoted + "jdbc.additional-jdbc-properties.", properties);
        return new DataSourceSettings(name, value(config, plain, quoted, "jdbc.url"), value(config, plain, quoted, "username"),
                value(config, plain, quoted, "password"), properties);
    }

    /** The key an operator sets for this datasource's {@code suffix}, for messages. */
    String key(String suffix) {
        return SourceDatabase.DEFAULT.equals(name) ? ROOT + suffix : ROOT + name + "." + suffix;
    }

    /** The URL and user, never a password. */
    String describe() {
        String where = url.map(u -> PrintableUrl.of(u).text()).orElse("(no " + key("jdbc.url") + ")");
        return where + " as " + user.orElse("(no user)");
    }

    /** The driver's message, unless it repeats the URL or a password. */
    String driverMessage(String message) {
        return url.map(u -> PrintableUrl.of(u).driverMessage(message)).orElse(message);
    }

    /** Fails with what to set when the datasource has no URL. */
    void requireUrl() {
        if (url.isEmpty()) {
            throw new ConfigProblem("datasource '" + name + "' is not configured; set " + key("jdbc.url") + " (and "
                    + key("username") + ", " + key("password") + ")");
        }
    }

    Connection connect() throws SQLException {
        return connect(new Properties());
    }

    /** A connection whose connect, login and every statement give up after {@code timeoutMillis}. */
    Connection connectWithin(int timeoutMillis) throws SQLException {
        Properties bounded = new Properties();
        bounded.setProperty("connectTimeout", String.valueOf(timeoutMillis));
        bounded.setProperty("socketTimeout", String.valueOf(timeoutMillis));
        return connect(bounded);
    }

    private Connection connect(Properties overrides) throws SQLException {
        requireUrl();
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.putAll(overrides);
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        Connection connection = new Driver().connect(url.get(), properties);
        if (connection == null) {
            throw new ConfigProblem(key("jdbc.url") + " is not a MySQL URL (jdbc:mysql://host:port/database); fix it");
        }
        return connection;
    }

    private static Optional<String> value(Config config, String plain, String quoted, String suffix) {
        Optional<String> value = config.getOptionalValue(plain + suffix, String.class);
        return value.isPresent() ? value : config.getOptionalValue(quoted + suffix, String.class);
    }

    private static void copy(Config config, String prefix, Properties into) {
        for (String key : config.getPropertyNames()) {
            if (key.startsWith(prefix)) {
                config.getOptionalValue(key, String.class).ifPresent(v -> into.setProperty(key.substring(prefix.length()), v));
            }
        }
    }
}
