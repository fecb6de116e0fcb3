package dumper.it;

import static dumper.it.ItSupport.query;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * A query the run gave up must not keep running on the server: the server notices a closed
 * socket only when it next writes, so a query busy before its first row would run on after a
 * cancel, a SIGTERM or a first-row timeout, and retries would start copies beside it. The application logs in as a user of its own, so only its sessions are counted.
 */
@Tag("faults")
class AbandonedQueriesIT {

    /**
     * Busy for half an hour before its first row, and, unlike SLEEP (which looks every 5 s
     * whether its client is still there), never asks whether anyone still waits for it.
     */
    private static final String SILENT = "SELECT BENCHMARK(2000000000, MD5('abandoned')) AS work, :start AS from_time, "
            + ":end AS to_time";
    private static final String MARKER = "BENCHMARK(2000000000";
    private static final String USER = "abandon_" + Long.toHexString(System.nanoTime());

    private Process process;
    private Path out;

    @BeforeAll
    static void ownUser() {
        ItSupport.update("CREATE USER '" + USER + "'@'%' IDENTIFIED BY 'abandon-pw'");
        ItSupport.update("GRANT ALL ON " + TestDatabase.database + ".* TO '" + USER + "'@'%'");
    }

    @AfterAll
    static void dropUser() {
        ItSupport.update("DROP USER IF EXISTS '" + USER + "'@'%'");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null) {
            PackagedApp.kill9(process);
        }
        // Whatever a failed test left running would keep a core busy for half an hour.
        for (List<String> session : query("SELECT id FROM information_schema.PROCESSLIST WHERE user = ?", USER)) {
            try {
                ItSupport.update("KILL CONNECTION " + session.get(0));
            } catch (IllegalStateException goneMeanwhile) {
                // Ended by itself between the two statements.
            }
        }
        ItSupport.printLogs(out);
    }

    @Test
    void a_cancel_through_the_api_ends_the_query_on_the_server() throws Exception {
        out = ItSupport.newOutputDir("abandon-cancel");
        int port = PackagedApp.freePort();
        Map<String, String> config = config();
        config.put("quarkus.http.port", String.valueOf(port));
        config.put("dumper.output-dir", out.toString());
        process = PackagedApp.start(out.resolve("serve.log"), config, Map.of(), "serve");
        PackagedApp.awaitHttp(port, process);
        String id = given().port(port).contentType(ContentType.JSON)
                .body("{\"type\":\"silentzm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-07\"}").post("/api/runs")
                .then().statusCode(202).extract().jsonPath().getString("id");
        awaitRunning(1);

        given().port(port).delete("/api/runs/" + id).then().statusCode(202);
        awaitGone(5);
    }

    @Test
    void sigterm_ends_the_query_on_the_server_before_the_process_exits() throws Exception {
        out = ItSupport.newOutputDir("abandon-sigterm");
        process = PackagedApp.start(out.resolve("run.log"), config(), Map.of(), "--dump", "silentzm", "2024-01-01",
                "2024-01-07", "--output-dir", out.toString());
        awaitRunning(1);

        process.destroy();
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(running()).as("the user's sessions still running the query once the process is gone").isZero();
    }

    @Test
    void a_first_row_timeout_ends_the_query_before_the_retry_starts_it_again() throws Exception {
        out = ItSupport.newOutputDir("abandon-first-row");
        Map<String, String> config = config();
        config.put("dumper.source.first-row-timeout", "PT2S");
        config.put("dumper.retry.attempts", "3");
        config.put("dumper.retry.backoff", "PT0.2S");
        process = PackagedApp.start(out.resolve("run.log"), config, Map.of(), "--dump", "silentzm", "2024-01-01",
                "2024-01-07", "--output-dir", out.toString());
        int most = 0;
        while (process.isAlive()) {
            most = Math.max(most, running());
            Thread.sleep(50);
        }
        String log = Files.readString(out.resolve("run.log"));
        assertThat(process.exitValue()).as(log).isEqualTo(4);
        assertThat(log).contains("attempt 3 of 3");
        assertThat(most).as("copies of the query running at once").isEqualTo(1);
        assertThat(running()).as("copies still running after the run gave up").isZero();
    }

    private static Map<String, String> config() {
        TestDatabase.ensureStarted();
        Map<String, String> config = new HashMap<>(TestDatabase.type("silentzm", SILENT, "required"));
        config.put("dumper.dumps.silentzm.batch", "P7D");
        config.put("quarkus.datasource.username", USER);
        config.put("quarkus.datasource.password", "abandon-pw");
        return config;
    }

    /** The application's sessions (its own user) running the silent query. */
    private static int running() {
        return Integer.parseInt(query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE user = ? AND info LIKE ? "
                + "AND info NOT LIKE 'EXPLAIN%'", USER, "%" + MARKER + "%").get(0).get(0));
    }

    private void awaitRunning(int copies) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        while (running() < copies) {
            assertThat(process.isAlive()).as("the application is running").isTrue();
            assertThat(System.nanoTime()).as("the query showed up on the server").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitGone(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (running() > 0) {
            assertThat(System.nanoTime()).as("the server still runs the abandoned query " + seconds + " s later")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
