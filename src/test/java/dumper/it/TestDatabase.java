package dumper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fresh database for one test class, seeded with the demo schema and data, on the first of:
 * the server named by {@code DUMPER_TEST_JDBC_URL} (with {@code DUMPER_TEST_USER} and
 * {@code DUMPER_TEST_PASSWORD}); MySQL 8.4 in Testcontainers when a Docker engine answers; the
 * local server on 127.0.0.1:3306 as root. The database is dropped afterwards.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    /** Demo rows to seed: enough for many batches, quick to create. */
    static final int EVENTS = 20_000;

    static String serverUrl;
    static String user;
    static String password;
    static String database;
    static Path outputDir;
    static Path queriesDir;
    static Path publishDir;

    private static MySQLContainer container;
    private static Map<String, String> config;

    /**
     * Quarkus starts test resources around every launch of a main-mode test; the database is
     * made once per test JVM and removed when that JVM exits.
     */
    @Override
    public Map<String, String> start() {
        return ensureStarted();
    }

    /** The application config for the test database; creates it on first use. */
    static synchronized Map<String, String> ensureStarted() {
        if (config == null) {
            config = create();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::destroy, "drop-test-database"));
        }
        return config;
    }

    @Override
    public void stop() {
        // See start(): the shutdown hook cleans up once, after the last test.
    }

    private static Map<String, String> create() {
        chooseServer();
        database = "dumper_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            try (Connection c = DriverManager.getConnection(serverUrl + "/?allowMultiQueries=true", user, password);
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }
            try (Connection c = connect(); Statement s = c.createStatement()) {
                runScript(s, Files.readString(Path.of("demo/schema.sql")));
                runScript(s, Files.readString(Path.of("sql/report-table.sql")));
                runScript(s, "SET @events = " + EVENTS);
                runScript(s, Files.readString(Path.of("demo/seed.sql")));
                runScript(s, Files.readString(Path.of("src/test/resources/alltypes.sql")));
            }
            outputDir = Files.createTempDirectory("dumper-it-out");
            queriesDir = Files.createTempDirectory("dumper-it-queries");
            publishDir = Files.createTempDirectory("dumper-it-publish");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot prepare the test database on " + serverUrl + ": " + e.getMessage(), e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", serverUrl + "/" + database + jdbcOptions());
        config.put("quarkus.datasource.username", user);
        config.put("quarkus.datasource.password", password);
        config.put("dumper.output-dir", outputDir.toString());
        config.put("dumper.publish-dir", publishDir.toString());
        // Retries in tests should not wait seconds.
        config.put("dumper.retry.backoff", "PT0.2S");
        // Nor should each of the suite's hundreds of runs measure the load for a second before its
        // first batch: the test server's load, apart from what a test makes, is nil.
        config.put("dumper.guard.baseline-window", "PT0.1S");
        // The guard's load rule (one batch at a time, then a slower pace) follows the server's
        // Threads_running, which other tests' runs move: ServeIT's schedules fire every second
        // for the whole suite. Under it, a run whose batches must stand side by side at their
        // gates could let only the one at a later gate read, and wait for ever. GuardIT turns it on.
        config.put("dumper.guard.load-target", "0");
        config.putAll(testTypes());
        config.putAll(TestBroker.config());
        return config;
    }

    /** Runs a multi-statement script and reads every result, so an error in any statement surfaces. */
    static void runScript(Statement s, String sql) throws SQLException {
        boolean isResultSet = s.execute(sql);
        while (isResultSet || s.getUpdateCount() != -1) {
            isResultSet = s.getMoreResults();
        }
    }

    /** Extra dump types: the column-type table, and types that are wrong on purpose. */
    private static Map<String, String> testTypes() {
        Map<String, String> types = new HashMap<>();
        type(types, "alltypes", "SELECT * FROM alltypes ORDER BY id", "prohibited");
        type(types, "snapshot", "SELECT id, name FROM facility ORDER BY id", "prohibited");
        type(types, "noparams", "SELECT id FROM vaccination_event ORDER BY id", "required");
        type(types, "badsql", "SELECT id FROM vaccination_event WHER event_time >= :start AND event_time < :end", "required");
        type(types, "notable", "SELECT id FROM no_such_table WHERE ts >= :start AND ts < :end", "required");
        // A window no index can serve: every batch scans the whole table (dumper check warns).
        type(types, "scanzm", "SELECT id FROM vaccination_event WHERE DATE_ADD(event_time, INTERVAL 0 DAY) >= :start "
                + "AND DATE_ADD(event_time, INTERVAL 0 DAY) < :end", "required");
        // A pause per batch (the derived table runs once per query) gives tests time to act mid-run;
        // slowzm's batches can also be held at a Gate.
        for (String pause : new String[] {"slow:0.3", "pause:3"}) {
            String[] p = pause.split(":");
            type(types, p[0] + "zm", "SELECT e.id, e.event_time, e.notes FROM vaccination_event e JOIN (SELECT SLEEP(" + p[1]
                    + ") AS pause) p " + (p[0].equals("slow") ? Gate.GATE_JOIN : "")
                    + "WHERE e.event_time >= :start AND e.event_time < :end ORDER BY e.event_time, e.id", "required");
            types.put("dumper.dumps." + p[0] + "zm.batch", "P7D");
        }
        // Weekly batches that wait at a Gate the test holds: gatezm, and gatebatchzm with one file per batch.
        type(types, "gatezm", Gate.GATED_QUERY, "required");
        types.put("dumper.dumps.gatezm.batch", "P7D");
        types.put("dumper.dumps.gatebatchzm.query-file", queriesDir.resolve("gatezm.sql").toString());
        types.put("dumper.dumps.gatebatchzm.date-range", "required");
        types.put("dumper.dumps.gatebatchzm.batch", "P7D");
        types.put("dumper.dumps.gatebatchzm.files", "batch");
        // Says which connection read each row, so a test can see batches read at once.
        type(types, "whozm", "SELECT CONNECTION_ID() AS connection_id, e.id FROM vaccination_event e JOIN (SELECT SLEEP(0.2) "
                + "AS pause) p WHERE e.event_time >= :start AND e.event_time < :end ORDER BY e.event_time, e.id", "required");
        types.put("dumper.dumps.whozm.batch", "P7D");
        // Fails on the server from the third weekly batch on: a poison batch for the workers.
        type(types, "poisonzm", "SELECT e.id, e.event_time FROM vaccination_event e WHERE e.event_time >= :start "
                + "AND e.event_time < :end AND (CASE WHEN :start >= '2024-01-15' THEN (SELECT 1 UNION ALL SELECT 2) ELSE 1 END) = 1",
                "required");
        types.put("dumper.dumps.poisonzm.batch", "P7D");
        // The zm query in the other formats, and one file per batch.
        for (String variant : new String[] {"zmtsv:format=tsv", "zmjsonl:format=jsonl", "zmweekly:files=batch"}) {
            String name = variant.split(":")[0];
            types.put("dumper.dumps." + name + ".query-file", "queries/zm.sql");
            types.put("dumper.dumps." + name + ".date-range", "required");
            types.put("dumper.dumps." + name + ".batch", "P7D");
            types.put("dumper.dumps." + name + "." + variant.split(":")[1].split("=")[0], variant.split("=")[1]);
        }
        type(types, "sincezm", "SELECT id, event_time FROM vaccination_event WHERE event_time >= :start AND event_time < :end "
                + "ORDER BY event_time, id", "optional");
        types.put("dumper.dumps.sincezm.window", "since-last-run");
        // Its window runs from 2024 to today: years, in a few batches rather than a thousand days.
        types.put("dumper.dumps.sincezm.batch", "P100D");
        // Reads a table that a test changes between runs (ReplaceIT creates it).
        type(types, "changingzm", "SELECT id, ts, note FROM changing_event WHERE ts >= :start AND ts < :end ORDER BY id",
                "required");
        types.put("dumper.dumps.changingzm.batch", "P7D");
        types.put("dumper.dumps.nofile.query-file", queriesDir.resolve("missing.sql").toString());
        types.put("dumper.dumps.nofile.date-range", "prohibited");
        types.put("dumper.dumps.dirsql.query-file", queriesDir.toString());
        types.put("dumper.dumps.dirsql.date-range", "prohibited");
        return types;
    }

    private static void type(Map<String, String> types, String name, String sql, String dateRange) {
        types.putAll(type(name, sql, dateRange));
    }

    /** The settings of a test type whose SQL is written to a file of its own. */
    static Map<String, String> type(String name, String sql, String dateRange) {
        Path file = queriesDir.resolve(name + ".sql");
        try {
            Files.writeString(file, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("dumper.dumps." + name + ".query-file", file.toString(),
                "dumper.dumps." + name + ".date-range", dateRange);
    }

    private static void chooseServer() {
        String explicit = System.getenv("DUMPER_TEST_JDBC_URL");
        if (explicit != null && !explicit.isBlank()) {
            serverUrl = explicit.replaceAll("/+$", "");
            user = System.getenv().getOrDefault("DUMPER_TEST_USER", "root");
            password = System.getenv().getOrDefault("DUMPER_TEST_PASSWORD", "");
        } else if (dockerAvailable()) {
            container = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test");
            container.start();
            serverUrl = "jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306);
            user = "root";
            password = "test";
        } else {
            serverUrl = "jdbc:mysql://127.0.0.1:3306";
            user = "root";
            password = "";
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Host and port of the server, from {@code jdbc:mysql://host:port}. */
    static String host() {
        return serverUrl.substring("jdbc:mysql://".length()).split(":")[0];
    }

    static int port() {
        String[] parts = serverUrl.substring("jdbc:mysql://".length()).split(":");
        return parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("/.*", "")) : 3306;
    }

    /** MySQL 8 authenticates with caching_sha2_password, which needs the key over plain TCP. */
    static String jdbcOptions() {
        return "?allowPublicKeyRetrieval=true&useSSL=false";
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl + "/" + database + jdbcOptions() + "&allowMultiQueries=true", user, password);
    }

    private static void destroy() {
        try (Connection c = DriverManager.getConnection(serverUrl + "/" + jdbcOptions(), user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
        } catch (SQLException e) {
            System.err.println("could not drop test database " + database + ": " + e.getMessage());
        }
        deleteTree(outputDir);
        deleteTree(queriesDir);
        deleteTree(publishDir);
        if (container != null) {
            container.stop();
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
