package dumper.publish;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dumper.config.ConfigProblem;
import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.export.SourceDatabase;
import dumper.plan.DateArgs;
import dumper.plan.QueryTemplate;

/**
 * The portal's record of published files: one row per file, through the configured INSERT.
 * Before inserting it asks (with the configured {@code exists} query) whether the same file,
 * by name and checksum, is already there, so a re-run, a retry or a resumed run never inserts
 * it twice. The shipped table also has a unique key on (file_name, sha256) as a last guard.
 * An entry for the same path that describes other bytes (the file was replaced on request, or
 * is gone) is made true by the configured {@code update} instead of gaining a second entry.
 */
@ApplicationScoped
public class ReportEntries {

    private static final Logger LOG = Logger.getLogger("dumper.report");
    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final List<String> PARAMETERS = List.of("type", "fileName", "path", "manifestPath", "rows", "bytes",
            "sha256", "start", "end", "createdAt", "runId", "url");

    private final DumperConfig.Report config;
    private final SourceDatabase database;

    ReportEntries(DumperConfig config, SourceDatabase database) {
        this.config = config.report();
        this.database = database;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /**
     * Fails before any export when the report statements are unusable, or when the report
     * database is another than {@code sourceDatasource} and does not answer. The source itself
     * is not checked here: the export reaches it, with its retries.
     */
    public void validate(String sourceDatasource) {
        if (config.enabled()) {
            statement("dumper.report.insert", config.insert());
            statement("dumper.report.exists", config.exists());
            statement("dumper.report.update", config.update());
            statement("dumper.report.last-end", config.lastEnd());
            if (!config.datasource().equals(sourceDatasource)) {
                database.check(config.datasource());
            }
        }
    }

    /** Records {@code file}; returns false when reports are off or the entry already exists. */
    public boolean record(PublishedFile file) {
        if (!config.enabled()) {
            return false;
        }
        Map<String, Object> values = values(file);
        try (Connection connection = database.open(config.datasource())) {
            if (exists(connection, statement("dumper.report.exists", config.exists()), values)) {
                LOG.infof("%s: report entry for %s already exists, not inserted again", file.manifest().type(),
                        file.manifest().file());
                return false;
            }
            try (PreparedStatement update = prepare(connection, statement("dumper.report.update", config.update()), values)) {
                int updated = update.executeUpdate();
                if (updated > 0) {
                    LOG.infof("%s: %d report entr%s for %s described other bytes at the same path; updated to this file",
                            file.manifest().type(), updated, updated == 1 ? "y" : "ies", file.manifest().file());
                    return true;
                }
            }
            try (PreparedStatement insert = prepare(connection, statement("dumper.report.insert", config.insert()), values)) {
                insert.executeUpdate();
            }
            LOG.infof("%s: report entry inserted for %s", file.manifest().type(), file.manifest().file());
            return true;
        } catch (SQLException e) {
            throw new DumperException(ExitCode.DATABASE, "cannot record the report entry for " + file.manifest().file() + ": "
                    + DumperException.firstLine(e) + "; the file is published, run the same command again to record it", e);
        }
    }

    /**
     * Whether a report entry still points to the published file {@code manifest} describes, at
     * {@code served} (asked with the configured {@code exists} query); false when reports are off.
     */
    public boolean pointsTo(Manifest manifest, Path served, Path manifestPath) {
        if (!config.enabled()) {
            return false;
        }
        try (Connection connection = database.open(config.datasource())) {
            return exists(connection, statement("dumper.report.exists", config.exists()),
                    values(new PublishedFile(served, served.toString(), manifestPath.toString(), Optional.empty(),
                            Optional.empty(), manifest, true)));
        } catch (SQLException e) {
            throw new DumperException(ExitCode.DATABASE, "cannot read the report table to see whether an entry points to "
                    + manifest.file() + ": " + DumperException.firstLine(e) + "; check dumper.report.*", e);
        }
    }

    /** Where the last reported window of {@code type} ended, if any was reported. */
    public Optional<LocalDateTime> lastEnd(String type) {
        try (Connection connection = database.open(config.datasource());
                PreparedStatement query = prepare(connection, statement("dumper.report.last-end", config.lastEnd()),
                        Map.of("type", type));
                ResultSet rs = query.executeQuery()) {
            String value = rs.next() ? rs.getString(1) : null;
            return Optional.ofNullable(value).map(DateArgs::start);
        } catch (SQLException e) {
            throw new DumperException(ExitCode.DATABASE, "cannot read the last run of " + type + " from the report table: "
                    + DumperException.firstLine(e) + "; check dumper.report.*", e);
        }
    }

    private static boolean exists(Connection connection, QueryTemplate query, Map<String, Object> values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, query, values); ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    private static Map<String, Object> values(PublishedFile file) {
        Manifest m = file.manifest();
        Map<String, Object> values = new HashMap<>();
        values.put("type", m.type());
        values.put("fileName", m.file());
        values.put("path", absolute(file.served()));
        values.put("manifestPath", absolute(file.manifestLocation()));
        values.put("url", file.url().orElse(null));
        values.put("rows", m.rows());
        values.put("bytes", m.bytes());
        values.put("sha256", m.sha256());
        values.put("start", m.windowStart() == null ? null : SQL_TIME.format(m.windowStart()));
        values.put("end", m.windowEnd() == null ? null : SQL_TIME.format(m.windowEnd()));
        values.put("createdAt", SQL_TIME.format(m.finishedAt()));
        values.put("runId", m.runId());
        return values;
    }

    /** A path made absolute, so entries name one place whatever the working directory; an {@code s3://} address as it is. */
    private static String absolute(String location) {
        return location.startsWith("s3://") ? location : Path.of(location).toAbsolutePath().normalize().toString();
    }

    private static QueryTemplate statement(String key, String sql) {
        QueryTemplate query = QueryTemplate.parse(sql);
        for (String name : query.parameters()) {
            if (!PARAMETERS.contains(name)) {
                throw new ConfigProblem(key + " uses :" + name + "; use any of :" + String.join(", :", PARAMETERS));
            }
        }
        return query;
    }

    private static PreparedStatement prepare(Connection connection, QueryTemplate query, Map<String, Object> values)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(query.jdbcSql());
        List<String> names = query.parameters();
        for (int i = 0; i < names.size(); i++) {
            Object value = values.get(names.get(i));
            if (value == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, value);
            }
        }
        return statement;
    }
}
