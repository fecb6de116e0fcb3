package dumper.it;

import static dumper.it.ItSupport.sha256;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The source guard against the real server: the signals that make runs hold and resume, the
 * critical level's exit code and resume, the statement limit's split, the yield to DDL, and an
 * operator's pause through the API and a pause file. Every guarded file is byte for byte the
 * file of an unguarded run. Waits are for log lines and server states, never for the clock,
 * but for one precondition: a batch that has waited for its turn longer than critical-wait.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class GuardIT {

    private static final String GATE_FILE = "gatezm_2024-01-01_2024-01-21.csv.gz";
    private static final String[] GATE_RUN = {"--dump", "gatezm", "2024-01-01", "2024-01-21"};
    private static final String SLOW_FILE = "slowzm_2024-01-01_2024-01-31.csv.gz";
    private static final String[] SLOW_RUN = {"--dump", "slowzm", "2024-01-01", "2024-01-31"};
    /**
     * Quick samples, a Threads_running limit well above what other tests on the same server add,
     * and the load rule at its default (the other test classes turn it off).
     */
    private static final Map<String, String> QUICK = Map.of("dumper.guard.interval", "PT0.2S", "dumper.guard.threads-running",
            "15", "dumper.guard.load-target", "1.2");
    /** Four weeks: the first batch reads alone (it fixes the columns), then two at a time. */
    private static final String FOUR_WEEKS_FILE = "gatezm_2024-01-01_2024-01-28.csv.gz";
    private static final String[] FOUR_WEEKS_RUN = {"--dump", "gatezm", "2024-01-01", "2024-01-28"};
    private static final int BURST = 40;

    private static Path gateReference;
    private static Path slowReference;
    private static Path fourWeeksReference;

    @BeforeAll
    static void unguardedRuns() throws Exception {
        gateReference = unguarded(GATE_RUN, GATE_FILE);
        slowReference = unguarded(SLOW_RUN, SLOW_FILE);
        fourWeeksReference = unguarded(FOUR_WEEKS_RUN, FOUR_WEEKS_FILE);
    }

    private static Path unguarded(String[] run, String file) throws Exception {
        Path out = ItSupport.newOutputDir("unguarded");
        assertThat(PackagedApp.run(out.resolve("run.log"), Map.of("dumper.guard.enabled", "false"), args(run, out)))
                .as(Files.readString(out.resolve("run.log"))).isZero();
        return out.resolve(file);
    }

    private static String[] args(String[] run, Path out) {
        List<String> all = new ArrayList<>(List.of(run));
        all.addAll(List.of("--output-dir", out.toString()));
        return all.toArray(String[]::new);
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            all.put(keyValues[i], keyValues[i + 1]);
        }
        return all;
    }

    private static void assertEndsWithReference(Process run, Path out, String file, Path reference) throws Exception {
        assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(out.resolve("run.log"))).isZero();
        assertThat(sha256(out.resolve(file))).isEqualTo(sha256(reference));
    }

    @Test
    void a_burst_of_running_sessions_holds_the_run_until_it_ends() throws Exception {
        Path out = ItSupport.newOutputDir("threads");
        Process run;
        try (Burst burst = Burst.of(BURST)) {
            run = PackagedApp.start(out.resolve("run.log"), QUICK, args(SLOW_RUN, out));
            PackagedApp.awaitLine(out.resolve("run.log"), "holding batches, Threads_running", run, PackagedApp.PATIENCE_SECONDS);
            assertThat(out.resolve(SLOW_FILE)).doesNotExist();
        }
        PackagedApp.awaitLine(out.resolve("run.log"), "resuming after 3 healthy samples", run, PackagedApp.PATIENCE_SECONDS);
        assertEndsWithReference(run, out, SLOW_FILE, slowReference);
        assertThat(Files.readString(out.resolve("run.log"))).contains("slowzm: held, Threads_running");
    }

    @Test
    void a_load_below_the_hold_limit_slows_the_run_and_it_reads_at_full_speed_again_once_the_load_ends() throws Exception {
        Path out = ItSupport.newOutputDir("load");
        Process run;
        try (Gate gate = Gate.closedFor("2024-01-08")) {
            run = PackagedApp.start(out.resolve("run.log"), QUICK, args(GATE_RUN, out));
            // A batch at the gate: the run has begun, so the load before it is measured; the batch
            // waiting there is dumper's own and does not count.
            gate.awaitWaiting(1, run);
            try (Burst burst = Burst.of(5)) {
                PackagedApp.awaitLine(out.resolve("run.log"), "reading more slowly, Threads_running averages", run,
                        PackagedApp.PATIENCE_SECONDS);
            }
            PackagedApp.awaitLine(out.resolve("run.log"), "reading at full speed again", run, PackagedApp.PATIENCE_SECONDS);
        }
        assertEndsWithReference(run, out, GATE_FILE, gateReference);
        // Five sessions stay under the hold limit (15): the run slowed down but never held.
        assertThat(Files.readString(out.resolve("run.log"))).doesNotContain("holding batches");
    }

    @Test
    void while_the_load_is_high_batches_read_one_at_a_time_and_the_file_stays_the_same() throws Exception {
        Path out = ItSupport.newOutputDir("one-reader");
        Process run;
        try (Gate second = Gate.closedFor("2024-01-08"); Gate third = Gate.closedFor("2024-01-15")) {
            run = PackagedApp.start(out.resolve("run.log"), with(QUICK, "quarkus.log.category.\"dumper.guard\".level", "DEBUG"),
                    args(FOUR_WEEKS_RUN, out));
            oneReadsAndOneWaits(second, third, out.resolve("run.log"), run);
        }
        assertEndsWithReference(run, out, FOUR_WEEKS_FILE, fourWeeksReference);
    }

    /**
     * Batches 2 and 3 of a four-week gatezm run read side by side at their gates; a load makes
     * them read one at a time; batch 2 goes through, and batch 4 waits for batch 3, still at its gate.
     */
    private static void oneReadsAndOneWaits(Gate second, Gate third, Path log, Process run) throws Exception {
        second.awaitWaiting(2, run);
        try (Burst burst = Burst.of(5)) {
            PackagedApp.awaitLine(log, "one batch at a time while the load is high", run, PackagedApp.PATIENCE_SECONDS);
        }
        second.close();
        PackagedApp.awaitLine(log, "a batch of gatezm waits for the one reading from datasource", run, PackagedApp.PATIENCE_SECONDS);
        assertThat(third.standing()).as("batches at a gate while batch 4 waits").isEqualTo(1);
    }

    @Test
    void in_serve_a_critical_source_is_waited_out_and_a_batch_that_waited_for_its_turn_first_waits_it_out_too()
            throws Exception {
        Path out = ItSupport.newOutputDir("serve-critical");
        Path log = out.resolve("run.log");
        try (PackagedApp.Service serve = PackagedApp.serve(log, with(QUICK, "dumper.output-dir", out.toString(),
                "dumper.guard.threads-running-critical", "25", "dumper.guard.critical-wait", "PT30S",
                "quarkus.log.category.\"dumper.guard\".level", "DEBUG"));
                Gate second = Gate.closedFor("2024-01-08"); Gate third = Gate.closedFor("2024-01-15")) {
            String id = given().port(serve.port()).contentType(ContentType.JSON)
                    .body("{\"type\":\"gatezm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-28\"}")
                    .post("/api/runs").then().statusCode(202).extract().path("id");
            oneReadsAndOneWaits(second, third, log, serve.process());
            // Batch 4 has waited for its turn longer than critical-wait: a wait that is no hold
            // and must not count against the critical source that follows. This is the one wait
            // for the clock, and it is what the test is about. critical-wait is long so that the
            // burst below, however slowly a loaded machine opens its sessions, ends well within it.
            Thread.sleep(31_000);
            try (Burst burst = Burst.of(BURST)) {
                awaitHeld(serve.port(), id, "critical, Threads_running");
            }
            third.close();
            assertThat(RunHistoryIT.awaitEnd(serve.port(), id).getString("status")).isEqualTo("SUCCEEDED");
            assertThat(sha256(out.resolve(FOUR_WEEKS_FILE))).isEqualTo(sha256(fourWeeksReference));
        }
    }

    @Test
    void a_guard_setting_that_is_not_a_number_is_one_line_and_exit_code_3() throws Exception {
        Path out = ItSupport.newOutputDir("badsetting");
        int code = PackagedApp.run(out.resolve("run.log"), Map.of("dumper.guard.load-target", "fast"), args(GATE_RUN, out));
        String log = Files.readString(out.resolve("run.log"));
        assertThat(code).as(log).isEqualTo(3);
        assertThat(log.lines().filter(l -> l.startsWith("dumper: "))).as(log).singleElement().asString()
                .contains("dumper.guard.load-target", "fast");
        assertThat(log).as("no stack trace").doesNotContain("\tat ", "Exception");
        assertThat(out.resolve(GATE_FILE)).doesNotExist();
    }

    @Test
    void a_long_open_transaction_and_updates_raise_the_history_list_and_hold_the_run() throws Exception {
        Path out = ItSupport.newOutputDir("history");
        ItSupport.update("CREATE TABLE IF NOT EXISTS guard_churn (id INT PRIMARY KEY, n INT) ENGINE=InnoDB");
        ItSupport.update("REPLACE INTO guard_churn VALUES (1, 0)");
        Process run;
        try (Connection snapshot = TestDatabase.connect(); Statement s = snapshot.createStatement()) {
            // A read view that keeps purge from removing what the updates leave behind.
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            s.executeQuery("SELECT COUNT(*) FROM guard_churn").close();
            try (Connection c = TestDatabase.connect(); Statement u = c.createStatement()) {
                for (int i = 0; i < 3000; i++) {
                    u.executeUpdate("UPDATE guard_churn SET n = n + 1 WHERE id = 1");
                }
            }
            run = PackagedApp.start(out.resolve("run.log"), with(QUICK, "dumper.guard.history-list-length", "2000"),
                    args(SLOW_RUN, out));
            PackagedApp.awaitLine(out.resolve("run.log"), "holding batches, history list length", run, PackagedApp.PATIENCE_SECONDS);
            s.execute("COMMIT");
        }
        PackagedApp.awaitLine(out.resolve("run.log"), "resuming after", run, PackagedApp.PATIENCE_SECONDS);
        assertEndsWithReference(run, out, SLOW_FILE, slowReference);
    }

    @Test
    void the_operators_throttle_query_holds_the_run_while_it_answers_above_zero() throws Exception {
        Path out = ItSupport.newOutputDir("throttle-query");
        ItSupport.update("CREATE TABLE IF NOT EXISTS guard_throttle (reason VARCHAR(40)) ENGINE=InnoDB");
        ItSupport.update("INSERT INTO guard_throttle VALUES ('month-end closing')");
        Process run = PackagedApp.start(out.resolve("run.log"),
                with(QUICK, "dumper.guard.throttle-query", "SELECT COUNT(*) FROM guard_throttle"), args(SLOW_RUN, out));
        PackagedApp.awaitLine(out.resolve("run.log"), "holding batches, throttle query", run, PackagedApp.PATIENCE_SECONDS);
        assertThat(out.resolve(SLOW_FILE)).doesNotExist();
        ItSupport.update("DELETE FROM guard_throttle");
        PackagedApp.awaitLine(out.resolve("run.log"), "resuming after", run, PackagedApp.PATIENCE_SECONDS);
        assertEndsWithReference(run, out, SLOW_FILE, slowReference);
    }

    @Test
    void a_stale_pt_heartbeat_row_holds_the_run_until_the_heartbeat_is_fresh() throws Exception {
        Path out = ItSupport.newOutputDir("heartbeat");
        // pt-heartbeat's own table, written with --utc: ts is text in ISO 8601.
        ItSupport.update("CREATE TABLE IF NOT EXISTS guard_heartbeat (ts VARCHAR(26) NOT NULL, server_id INT UNSIGNED NOT NULL "
                + "PRIMARY KEY, file VARCHAR(255), position BIGINT UNSIGNED, relay_master_log_file VARCHAR(255), "
                + "exec_master_log_pos BIGINT UNSIGNED)");
        ItSupport.update("REPLACE INTO guard_heartbeat (ts, server_id) VALUES "
                + "(DATE_FORMAT(UTC_TIMESTAMP(6) - INTERVAL 1 HOUR, '%Y-%m-%dT%H:%i:%s.%f'), 1)");
        Process run = PackagedApp.start(out.resolve("run.log"),
                with(QUICK, "dumper.guard.heartbeat-table", "guard_heartbeat"), args(SLOW_RUN, out));
        PackagedApp.awaitLine(out.resolve("run.log"), "holding batches, replica lag", run, PackagedApp.PATIENCE_SECONDS);
        assertThat(out.resolve(SLOW_FILE)).doesNotExist();
        // A beat an hour ahead stays fresh however slowly this machine runs the rest.
        ItSupport.update("UPDATE guard_heartbeat SET ts = DATE_FORMAT(UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, "
                + "'%Y-%m-%dT%H:%i:%s.%f')");
        PackagedApp.awaitLine(out.resolve("run.log"), "resuming after", run, PackagedApp.PATIENCE_SECONDS);
        assertEndsWithReference(run, out, SLOW_FILE, slowReference);
    }

    @Test
    void an_alter_table_waiting_for_the_dumps_table_makes_the_batch_yield() throws Exception {
        Path out = ItSupport.newOutputDir("ddl");
        ExecutorService alterThread = Executors.newSingleThreadExecutor();
        Process run;
        try (Gate gate = Gate.closedFor("2024-01-08")) {
            run = PackagedApp.start(out.resolve("run.log"), QUICK, args(GATE_RUN, out));
            gate.awaitWaiting(1, run);
            // The batch at the gate holds vaccination_event's metadata lock: the ALTER waits for it.
            Future<?> alter = alterThread.submit(() -> {
                ItSupport.update("ALTER TABLE vaccination_event COMMENT = 'guard test'");
                return null;
            });
            alter.get(60, TimeUnit.SECONDS);
            PackagedApp.awaitLine(out.resolve("run.log"), "stopped (ALTER on vaccination_event, yielding to it)", run, PackagedApp.PATIENCE_SECONDS);
            gate.awaitWaiting(1, run);
        } finally {
            alterThread.shutdownNow();
        }
        assertEndsWithReference(run, out, GATE_FILE, gateReference);
    }

    @Test
    void a_batch_slower_than_the_statement_limit_is_split_and_the_file_stays_the_same() throws Exception {
        // Slow (2 s) only on windows longer than three days: the weekly batches run into the 1 s
        // limit, their halves do not.
        String sql = "SELECT e.id, e.event_time, e.notes FROM vaccination_event e JOIN (SELECT SLEEP(IF(DATEDIFF(:end, "
                + ":start) > 3, 2, 0)) AS pause) p WHERE e.event_time >= :start AND e.event_time < :end ORDER BY e.event_time, e.id";
        Map<String, String> type = new HashMap<>(TestDatabase.type("splitzm", sql, "required"));
        type.put("dumper.dumps.splitzm.batch", "P7D");
        Path reference = ItSupport.newOutputDir("unsplit");
        assertThat(PackagedApp.run(reference.resolve("run.log"), with(type, "dumper.guard.enabled", "false"),
                "--dump", "splitzm", "2024-01-01", "2024-01-14", "--output-dir", reference.toString())).isZero();

        Path out = ItSupport.newOutputDir("split");
        Map<String, String> limited = with(type, "dumper.guard.statement-time-limit", "PT1S");
        assertThat(PackagedApp.run(out.resolve("run.log"), limited, "--dump", "splitzm", "2024-01-01", "2024-01-14",
                "--output-dir", out.toString())).as(Files.readString(out.resolve("run.log"))).isZero();
        String file = "splitzm_2024-01-01_2024-01-14.csv.gz";
        assertThat(sha256(out.resolve(file))).isEqualTo(sha256(reference.resolve(file)));
        assertThat(Files.readString(out.resolve("run.log"))).contains("batch 1 ran longer than dumper.guard.statement-time-limit");
    }

    @Test
    void a_pause_file_holds_a_one_shot_run_until_it_is_removed() throws Exception {
        Path out = ItSupport.newOutputDir("pause-file");
        Path pause = out.resolve("pause");
        Files.createFile(pause);
        Process run = PackagedApp.start(out.resolve("run.log"), with(QUICK, "dumper.guard.pause-file", pause.toString()),
                args(SLOW_RUN, out));
        PackagedApp.awaitLine(out.resolve("run.log"), "slowzm: held, paused, pause file " + pause + " exists", run, PackagedApp.PATIENCE_SECONDS);
        assertThat(out.resolve(".dumper/" + SLOW_FILE + "/000001.done")).doesNotExist();
        Files.delete(pause);
        assertEndsWithReference(run, out, SLOW_FILE, slowReference);
    }

    @Test
    void the_api_pauses_and_resumes_a_type_and_the_run_view_says_why_it_waits() throws Exception {
        Path out = ItSupport.newOutputDir("api-pause");
        try (PackagedApp.Service serve = PackagedApp.serve(out.resolve("run.log"), with(QUICK, "dumper.output-dir",
                out.toString()))) {
            given().port(serve.port()).contentType(ContentType.JSON).body("{\"type\":\"slowzm\"}")
                    .post("/api/guard/pause").then().statusCode(200);
            String id = given().port(serve.port()).contentType(ContentType.JSON)
                    .body("{\"type\":\"slowzm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-31\"}")
                    .post("/api/runs").then().statusCode(202).extract().path("id");
            awaitHeld(serve.port(), id, "paused by the operator (type slowzm)");
            given().port(serve.port()).contentType(ContentType.JSON).body("{\"type\":\"slowzm\"}")
                    .post("/api/guard/resume").then().statusCode(200);
            PackagedApp.awaitFile(out.resolve(SLOW_FILE + ".manifest.json"), serve.process(), PackagedApp.PATIENCE_SECONDS);
            assertThat(sha256(out.resolve(SLOW_FILE))).isEqualTo(sha256(slowReference));
            assertThat(given().port(serve.port()).get("/api/guard").then().statusCode(200).extract().<List<String>>path(
                    "pausedTypes")).isEmpty();
            // The monitor outlives the run that started it and serves the next ones: its lines name no run.
            List<String> monitorLines = Files.readAllLines(out.resolve("run.log")).stream()
                    .filter(line -> line.contains("guard: datasource")).toList();
            assertThat(monitorLines).isNotEmpty().noneMatch(line -> line.contains(id));
        }
    }

    private static void awaitHeld(int port, String id, String reason) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            String held = given().port(port).get("/api/runs/" + id).then().extract().path("heldBecause");
            if (held != null && held.startsWith(reason)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " was never shown held: " + reason);
    }

    @Test
    void a_critical_source_stops_a_one_shot_run_with_exit_9_and_the_same_command_resumes() throws Exception {
        Path out = ItSupport.newOutputDir("critical");
        // One batch at a time: the third starts only after the second, which the gate holds until the source is critical.
        Map<String, String> critical = with(QUICK, "dumper.guard.threads-running-critical", "25", "dumper.dumps.gatezm.threads", "1");
        Process run;
        try (Gate gate = Gate.closedFor("2024-01-08")) {
            run = PackagedApp.start(out.resolve("run.log"), critical, args(GATE_RUN, out));
            PackagedApp.awaitFile(out.resolve(".dumper/" + GATE_FILE + "/000001.done"), run, PackagedApp.PATIENCE_SECONDS);
            gate.awaitWaiting(1, run);
            try (Burst burst = Burst.of(BURST)) {
                PackagedApp.awaitLine(out.resolve("run.log"), "critical, Threads_running", run, PackagedApp.PATIENCE_SECONDS);
                gate.close();
                assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            }
        }
        String log = Files.readString(out.resolve("run.log"));
        assertThat(run.exitValue()).as(log).isEqualTo(9);
        // The value is an average over the interval, so it may have a decimal (40.1).
        assertThat(log).containsPattern("dumper: source <default> is critical, Threads_running [\\d.,]+ > 25; finished batches are kept");
        assertThat(out.resolve(GATE_FILE)).doesNotExist();

        Process again = PackagedApp.start(out.resolve("run.log"), critical, args(GATE_RUN, out));
        assertEndsWithReference(again, out, GATE_FILE, gateReference);
        assertThat(Files.readString(out.resolve("run.log"))).contains("already finished by an earlier run, kept: 1");
    }

    @Test
    void a_replica_stopped_or_delayed_holds_the_run_until_it_replicates_again() throws Exception {
        assumeTrue(LocalReplica.available(), "needs mariadbd and mariadb-install-db on this machine");
        try (LocalReplica pair = LocalReplica.start("CREATE TABLE " + LocalReplica.DATABASE + ".event (id INT PRIMARY KEY, "
                + "note VARCHAR(20))", "INSERT INTO " + LocalReplica.DATABASE + ".event VALUES (1, 'a'), (2, 'b'), (3, 'c')")) {
            Map<String, String> replica = with(TestDatabase.type("replzm", "SELECT id, note FROM event ORDER BY id", "prohibited"),
                    "quarkus.datasource.jdbc.url", pair.replicaUrl(), "quarkus.datasource.username", "root",
                    "quarkus.datasource.password", "", "dumper.guard.interval", "PT0.2S", "dumper.report.enabled", "false");
            Path reference = ItSupport.newOutputDir("replica-unguarded");
            assertThat(PackagedApp.run(reference.resolve("run.log"), with(replica, "dumper.guard.enabled", "false"), "--dump",
                    "replzm", "--output-dir", reference.toString())).as(Files.readString(reference.resolve("run.log"))).isZero();

            // Replication stopped: the replica's lag is NULL, over every limit.
            pair.onReplica("STOP SLAVE SQL_THREAD");
            Path out = ItSupport.newOutputDir("replica");
            Process run = PackagedApp.start(out.resolve("run.log"), replica, "--dump", "replzm", "--output-dir", out.toString());
            PackagedApp.awaitLine(out.resolve("run.log"), "holding batches, replica lag NULL > 10 s", run, PackagedApp.PATIENCE_SECONDS);
            assertThat(ItSupport.visibleFiles(out)).extracting(p -> p.getFileName().toString()).containsExactly("run.log");
            pair.onReplica("START SLAVE SQL_THREAD");
            PackagedApp.awaitLine(out.resolve("run.log"), "resuming after", run, PackagedApp.PATIENCE_SECONDS);
            assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(Files.readString(out.resolve("run.log"))).isZero();
            assertThat(sha256(ItSupport.onlyFile(out))).isEqualTo(sha256(ItSupport.onlyFile(reference)));

            // A delayed replica: while an event waits out MASTER_DELAY, its lag counts up past the limit.
            pair.onReplica("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=3600", "START SLAVE");
            pair.onPrimary("INSERT INTO " + LocalReplica.DATABASE + ".arrived VALUES (2)");
            while (pair.lag() < 2) {
                Thread.sleep(100);
            }
            Path delayed = ItSupport.newOutputDir("replica-delayed");
            Process held = PackagedApp.start(delayed.resolve("run.log"), with(replica, "dumper.guard.replica-lag", "PT1S"),
                    "--dump", "replzm", "--output-dir", delayed.toString());
            PackagedApp.awaitLine(delayed.resolve("run.log"), "holding batches, replica lag", held, PackagedApp.PATIENCE_SECONDS);
            assertThat(ItSupport.visibleFiles(delayed)).extracting(p -> p.getFileName().toString()).containsExactly("run.log");
            pair.onReplica("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=0", "START SLAVE");
            PackagedApp.awaitLine(delayed.resolve("run.log"), "resuming after", held, PackagedApp.PATIENCE_SECONDS);
            assertThat(held.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(held.exitValue()).as(Files.readString(delayed.resolve("run.log"))).isZero();
            assertThat(sha256(ItSupport.onlyFile(delayed))).isEqualTo(sha256(ItSupport.onlyFile(reference)));
        }
    }

    /** Sessions running SLEEP on the server: each counts in Threads_running until the burst is closed. */
    private static final class Burst implements AutoCloseable {
        private final List<Connection> sessions = new ArrayList<>();
        private final List<Long> ids = new ArrayList<>();
        private final ExecutorService pool;

        private Burst(int size) throws SQLException, InterruptedException {
            pool = Executors.newFixedThreadPool(size);
            for (int i = 0; i < size; i++) {
                Connection c = TestDatabase.connect();
                sessions.add(c);
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT CONNECTION_ID()")) {
                    r.next();
                    ids.add(r.getLong(1));
                }
                CompletableFuture.runAsync(() -> {
                    try (Statement s = c.createStatement()) {
                        s.executeQuery("SELECT SLEEP(300) AS burst").close();
                    } catch (SQLException ended) {
                        // Killed or closed: the burst is over.
                    }
                }, pool);
            }
            // Every session has started its SLEEP: the server counts them from now on.
            while (Integer.parseInt(ItSupport.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO = "
                    + "'SELECT SLEEP(300) AS burst'").get(0).get(0)) < size) {
                Thread.sleep(20);
            }
        }

        static Burst of(int size) throws SQLException, InterruptedException {
            return new Burst(size);
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
                for (long id : ids) {
                    s.execute("KILL " + id);
                }
            }
            for (Connection c : sessions) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Killed already.
                }
            }
            pool.shutdownNow();
        }
    }
}
