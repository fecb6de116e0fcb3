package dumper.it;

import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * Faults on the way to the database, injected where the test owns them: a relay that freezes
 * (stops forwarding without closing) or is cut, {@code KILL} from another connection. None may
 * hang a run, lose a retry, or leave a connection open on the server.
 */
@Tag("faults")
class FaultsIT {

    /** Rows that keep coming for about 40 s over the half year, so a fault always meets a stream. */
    private static final String SLOW_ROWS = "SELECT e.id, REPEAT('x', 1000) AS filler, SLEEP(0.002) AS pause "
            + "FROM vaccination_event e WHERE e.event_time >= :start AND e.event_time < :end";
    private static final String[] HALF_YEAR = {"2024-01-01", "2024-06-30"};
    /** The half year in one batch: a run that stops only between batches would stream for 40 s. */
    private static final Map<String, String> ONE_BATCH = Map.of("dumper.dumps.slowrows.batch", "P200D");
    /**
     * A read timeout and a grace period far beyond the tests' patience: a run that ends in time
     * was stopped at once (its connection aborted), never by waiting either out, however loaded
     * the machine is.
     */
    private static final Map<String, String> ENDLESS_WAITS = Map.of("dumper.source.read-timeout", "PT1H",
            "dumper.serve.shutdown-grace", "PT1H");
    /** Bytes of slowrows' rows (1 kB each) through the relay: the result is streaming. */
    private static final long ROWS_FLOWING = 200_000;
    /** A week of rows that stops at the gate in the middle, after the first rows reached the client. */
    private static final String STALL_MID_STREAM = "SELECT e.id, REPEAT('x', 100) AS filler, IF(e.id = (SELECT MIN(id) "
            + "+ 600 FROM vaccination_event WHERE event_time >= :start), GET_LOCK(CONCAT('gate/', DATABASE(), '/', DATE(:start)), "
            + "600) + RELEASE_LOCK(CONCAT('gate/', DATABASE(), '/', DATE(:start))), 0) AS pause FROM vaccination_event e "
            + "WHERE e.event_time >= :start AND e.event_time < :end ORDER BY e.id";
    private static final String WEEK = "SELECT CAST(id AS CHAR) FROM vaccination_event WHERE event_time >= '2024-01-01' "
            + "AND event_time < '2024-01-08' ORDER BY id";

    private TcpProxy proxy;
    private Process process;
    private Path out;

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null) {
            PackagedApp.kill9(process);
        }
        // What the application said, in the test report (nothing when the test failed before it made its directory).
        ItSupport.printLogs(out);
        if (proxy != null) {
            proxy.stop();
        }
    }

    @Test
    void a_stalled_network_path_ends_the_run_within_the_read_timeout() throws Exception {
        out = ItSupport.newOutputDir("stalled");
        Map<String, String> config = throughProxy(type("slowrows", SLOW_ROWS));
        config.put("dumper.source.read-timeout", "PT2S");
        config.put("dumper.retry.attempts", "2");
        // The second attempt's login through the frozen relay gives up quickly.
        config.put("quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout", "2000");
        process = PackagedApp.start(out.resolve("run.log"), config, Map.of(), "--dump", "slowrows", HALF_YEAR[0],
                HALF_YEAR[1], "--output-dir", out.toString());
        awaitQuery("SLEEP(0.002)", false);
        proxy.awaitRelayed(ROWS_FLOWING);
        proxy.freeze();

        // Without the read timeout the frozen read never ends: the patience is only a guard.
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("ended despite the frozen relay").isTrue();
        List<String> lines = Files.readAllLines(out.resolve("run.log"));
        assertThat(process.exitValue()).as(String.join("\n", lines)).isEqualTo(4);
        assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).hasSize(1);
        assertThat(lines).anyMatch(l -> l.contains("longer than dumper.source.read-timeout"));
    }

    @Test
    void a_query_that_sorts_longer_than_the_read_timeout_before_its_first_row_is_not_cut() throws Exception {
        out = ItSupport.newOutputDir("firstrow");
        // pausezm sleeps 3 s (on the server) before its first row; the silence between rows may be
        // only 2 s, which streaming rows never come near even on a loaded machine.
        process = PackagedApp.start(out.resolve("run.log"), Map.of("dumper.source.read-timeout", "PT2S"),
                "--dump", "pausezm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(out.resolve("run.log"))).isZero();
        assertThat(Files.readString(out.resolve("run.log"))).doesNotContain("attempt 2");
    }

    @Test
    void sigterm_ends_a_read_stuck_on_a_frozen_relay_at_once() throws Exception {
        out = ItSupport.newOutputDir("sigterm-frozen");
        Map<String, String> config = throughProxy(type("slowrows", SLOW_ROWS));
        config.putAll(ONE_BATCH);
        config.putAll(ENDLESS_WAITS);
        process = PackagedApp.start(out.resolve("run.log"), config, Map.of(),
                "--dump", "slowrows", HALF_YEAR[0], HALF_YEAR[1], "--output-dir", out.toString());
        awaitQuery("SLEEP(0.002)", false);
        proxy.awaitRelayed(ROWS_FLOWING);
        proxy.freeze();

        process.destroy();
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(out.resolve("run.log"))).contains("dumper: stopped on request");
        assertThat(ItSupport.visibleFiles(out)).allMatch(p -> p.toString().endsWith(".log"));
    }

    @Test
    void cancel_through_the_api_ends_a_slow_row_stream_at_once_and_frees_the_type() throws Exception {
        out = ItSupport.newOutputDir("cancel");
        int port = PackagedApp.freePort();
        Map<String, String> config = new HashMap<>(type("slowrows", SLOW_ROWS));
        config.putAll(ONE_BATCH);
        config.putAll(ENDLESS_WAITS);
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("dumper.output-dir", out.toString());
        process = PackagedApp.start(out.resolve("serve.log"), config, Map.of(), "serve");
        PackagedApp.awaitHttp(port, process);
        String run = "{\"type\":\"slowrows\",\"start\":\"2024-01-01\",\"end\":\"2024-06-30\"}";
        String id = post(port, run);
        awaitQuery("SLEEP(0.002)", false);

        given().port(port).delete("/api/runs/" + id).then().statusCode(202);
        awaitStatus(port, id, "CANCELLED", PackagedApp.PATIENCE_SECONDS);
        awaitNoQuery("SLEEP(0.002)", PackagedApp.PATIENCE_SECONDS);
        String again = post(port, run);
        awaitQuery("SLEEP(0.002)", false);

        // SIGTERM with that second run streaming: the process ends at once, not after the grace period.
        process.destroy();
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(again).isNotEqualTo(id);
    }

    @Test
    void a_connection_killed_while_rows_stream_is_retried() throws Exception {
        out = ItSupport.newOutputDir("kill-mid-stream");
        try (Gate gate = Gate.closedFor("2024-01-01")) {
            process = PackagedApp.start(out.resolve("run.log"), type("stallzm", STALL_MID_STREAM), Map.of(),
                    "--dump", "stallzm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
            gate.awaitWaiting(1, process);
            gate.killWaiting("KILL CONNECTION");
        }
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(out.resolve("run.log"));
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("attempt 2 of 3");
        List<List<String>> csv = readCsv(out.resolve("stallzm_2024-01-01_2024-01-07.csv.gz"));
        assertThat(csv.subList(1, csv.size()).stream().map(row -> List.of(row.get(0)))).containsExactlyElementsOf(query(WEEK));
    }

    @Test
    void a_reconnect_that_fails_is_retried_on_a_new_connection() throws Exception {
        out = ItSupport.newOutputDir("reconnect");
        Map<String, String> config = throughProxy(Map.of());
        config.put("dumper.retry.backoff", "PT2S");
        try (Gate gate = Gate.closedFor("2024-01-01")) {
            process = PackagedApp.start(out.resolve("run.log"), config, Map.of(), "--dump", "gatezm", "2024-01-01",
                    "2024-01-07", "--output-dir", out.toString());
            gate.awaitWaiting(1, process);
            // The run's connection is cut while its query waits; the first reconnect (2 s later) finds
            // the relay down, and only once the log says so does it come back, 4 s before the second.
            proxy.stop();
            PackagedApp.awaitLine(out.resolve("run.log"), "attempt 3 of 3", process, PackagedApp.PATIENCE_SECONDS);
            proxy.start();
        }
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(out.resolve("run.log"));
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("attempt 2 of 3", "attempt 3 of 3");
        assertThat(readCsv(out.resolve("gatezm_2024-01-01_2024-01-07.csv.gz"))).hasSize(query(WEEK).size() + 1);
    }

    @Test
    void the_first_open_is_retried_like_any_other_transient_failure() throws Exception {
        out = ItSupport.newOutputDir("first-open");
        Map<String, String> config = throughProxy(Map.of());
        config.put("dumper.retry.backoff", "PT1S");
        proxy.stop();
        process = PackagedApp.start(out.resolve("run.log"), config, Map.of(), "--dump", "zm", "2024-01-01", "2024-01-07",
                "--output-dir", out.toString());
        PackagedApp.awaitLine(out.resolve("run.log"), "attempt 2 of 3", process, PackagedApp.PATIENCE_SECONDS);
        proxy.start();
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(out.resolve("run.log"))).isZero();
    }

    @Test
    void connections_broken_while_idle_in_the_pool_are_not_handed_out_again() throws Exception {
        out = ItSupport.newOutputDir("idle-broken");
        int port = PackagedApp.freePort();
        Map<String, String> config = Map.of("quarkus.http.port", String.valueOf(port), "dumper.output-dir", out.toString());
        process = PackagedApp.start(out.resolve("serve.log"), config, Map.of(), "serve");
        PackagedApp.awaitHttp(port, process);
        awaitStatus(port, post(port, "{\"type\":\"snapshot\"}"), "SUCCEEDED", PackagedApp.PATIENCE_SECONDS);
        // As after a database restart: the server ended every session, the pool still holds them.
        List<List<String>> sessions = query("SELECT id FROM information_schema.processlist WHERE db = DATABASE() "
                + "AND id <> CONNECTION_ID()");
        assertThat(sessions).isNotEmpty();
        for (List<String> session : sessions) {
            execute("KILL CONNECTION " + session.get(0));
        }
        awaitStatus(port, post(port, "{\"type\":\"snapshot\",\"fresh\":true}"), "SUCCEEDED", PackagedApp.PATIENCE_SECONDS);
        assertThat(Files.readString(out.resolve("serve.log"))).doesNotContain("failed (", "attempt 2");
    }

    @Test
    void retries_in_serve_leave_no_server_connection_behind() throws Exception {
        out = ItSupport.newOutputDir("leak");
        int port = PackagedApp.freePort();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("dumper.output-dir", out.toString());
        config.put("quarkus.datasource.jdbc.max-size", "5");
        config.put("dumper.retry.attempts", "20");
        config.put("dumper.retry.backoff", "PT0.1S");
        config.put("dumper.dumps.gatezm.threads", "1");
        // A user of its own, so that only this service's connections are counted (another test's
        // service may still be running on the same database).
        String user = "leak_" + Long.toHexString(System.nanoTime());
        execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'leak-pw'");
        execute("GRANT ALL ON " + TestDatabase.database + ".* TO '" + user + "'@'%'");
        config.put("quarkus.datasource.username", user);
        config.put("quarkus.datasource.password", "leak-pw");
        try {
            countConnectionsAcrossRetries(port, config, user);
        } finally {
            execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

    private void countConnectionsAcrossRetries(int port, Map<String, String> config, String user) throws Exception {
        process = PackagedApp.start(out.resolve("serve.log"), config, Map.of(), "serve");
        PackagedApp.awaitHttp(port, process);
        int before = serverConnections(user);
        // More retries than the pool has connections: one leaked per retry would show. Not many
        // more: the backoff doubles (ten kills took 100 s of waiting, six take 6).
        int kills = 6;
        String id;
        // Each attempt waits at the gate until it is killed, and the next kill waits for the log's
        // line about the last one: exactly six retries, however slowly either side runs.
        try (Gate gate = Gate.closedFor("2024-01-01", "2024-01-08")) {
            id = post(port, "{\"type\":\"gatezm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-14\"}");
            for (int i = 1; i <= kills; i++) {
                gate.awaitWaiting(1, process);
                gate.killWaiting("KILL QUERY");
                awaitCount(out.resolve("serve.log"), "failed (Query execution was interrupted)", i);
            }
        }
        awaitStatus(port, id, "SUCCEEDED", PackagedApp.PATIENCE_SECONDS);
        int after = serverConnections(user);
        System.out.printf("server connections from the service: %d before, %d after %d retries%n", before, after, kills);
        assertThat(Files.readString(out.resolve("serve.log"))).as("one retry per kill").containsPattern(
                "(?s)(failed \\(Query execution was interrupted\\).*){" + kills + "}");
        assertThat(after).as("connections before: %d, after %d retries: %d", before, kills, after).isLessThanOrEqualTo(5);
    }

    /** Waits until {@code log} holds {@code text} {@code count} times. */
    private void awaitCount(Path log, String text, int count) throws Exception {
        long deadline = System.nanoTime() + PackagedApp.PATIENCE_SECONDS * 1_000_000_000L;
        while (Files.readString(log).split(java.util.regex.Pattern.quote(text), -1).length - 1 < count) {
            assertThat(System.nanoTime()).as("'%s' %d times in %s", text, count, log).isLessThan(deadline);
            assertThat(process.isAlive()).isTrue();
            sleep(20);
        }
    }

    /** The server's connections from the application, which logs in as {@code user}. */
    private static int serverConnections(String user) {
        return Integer.parseInt(query("SELECT COUNT(*) FROM information_schema.processlist WHERE user = ?", user).get(0).get(0));
    }

    private Map<String, String> throughProxy(Map<String, String> extra) {
        proxy = new TcpProxy(TestDatabase.host(), TestDatabase.port());
        proxy.start();
        Map<String, String> config = new HashMap<>(extra);
        config.put("quarkus.datasource.jdbc.url", "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + TestDatabase.database
                + TestDatabase.jdbcOptions());
        config.put("dumper.retry.backoff", "PT0.2S");
        config.put("quarkus.datasource.jdbc.acquisition-timeout", "3S");
        return config;
    }

    private static Map<String, String> type(String name, String sql) {
        TestDatabase.ensureStarted();
        Map<String, String> config = new HashMap<>(TestDatabase.type(name, sql, "required"));
        config.put("dumper.dumps." + name + ".batch", "P7D");
        return config;
    }

    /** Waits for a query of this test database whose text contains {@code marker} (and that sleeps); returns its id. */
    private static String awaitQuery(String marker, boolean sleeping) {
        long deadline = System.currentTimeMillis() + PackagedApp.PATIENCE_SECONDS * 1000L;
        while (System.currentTimeMillis() < deadline) {
            List<List<String>> ids = query("SELECT id FROM information_schema.processlist WHERE db = DATABASE() "
                    + "AND id <> CONNECTION_ID() AND info LIKE ? AND info NOT LIKE 'EXPLAIN%'" + (sleeping ? " AND state = 'User sleep'" : ""),
                    "%" + marker + "%");
            if (!ids.isEmpty()) {
                return ids.get(0).get(0);
            }
            sleep(50);
        }
        throw new AssertionError("no query with " + marker + " showed up in the process list");
    }

    private static void awaitNoQuery(String marker, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!query("SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID() "
                + "AND info LIKE ?", "%" + marker + "%").isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the server still runs the query").isLessThan(deadline);
            sleep(50);
        }
    }

    private static void execute(String sql) {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String post(int port, String body) {
        return given().port(port).contentType(ContentType.JSON).body(body).post("/api/runs")
                .then().statusCode(202).extract().jsonPath().getString("id");
    }

    private void awaitStatus(int port, String id, String status, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String now = null;
        while (System.currentTimeMillis() < deadline) {
            // Connection: close, as curl does: RestAssured leaves each connection open until garbage
            // collection, and polling would fill the service's bound on connections (quarkus.http.limits).
            now = given().port(port).header("Connection", "close").get("/api/runs/" + id).then().extract().jsonPath()
                    .getString("status");
            if (status.equals(now)) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("run " + id + " is " + now + ", not " + status);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
