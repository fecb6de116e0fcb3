package dumper.it;

import static dumper.it.ItSupport.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code dumper check} against a server whose EXPLAIN does not answer (MariaDB runs a derived
 * table to explain the query; here the derived table sleeps a minute): the check gives up after
 * the read timeout, not the hour of the first-row timeout, and SIGTERM ends it at once.
 */
@Tag("faults")
class CheckWaitsIT {

    private Process process;
    private Path out;

    @AfterEach
    void cleanUp() throws Exception {
        if (process != null) {
            PackagedApp.kill9(process);
        }
        ItSupport.printLogs(out);
    }

    @Test
    void check_gives_up_on_an_explain_after_the_read_timeout() throws Exception {
        out = ItSupport.newOutputDir("check-timeout");
        Map<String, String> config = stuckExplain("SLEEP(120)");
        config.put("dumper.source.read-timeout", "PT2S");
        process = PackagedApp.start(out.resolve("check.log"), config, Map.of(), "check", "stuckzm");
        awaitExplain("SLEEP(120)");

        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("check ended after its EXPLAIN waited the read timeout, not the hour of a first row").isTrue();
        String log = Files.readString(out.resolve("check.log"));
        assertThat(process.exitValue()).as(log).isEqualTo(4);
        assertThat(log).contains("FAIL  stuckzm: ", "did not answer the EXPLAIN within dumper.source.read-timeout",
                "run dumper check again").doesNotContain("resume");
        assertThat(explaining("SLEEP(120)")).as("the EXPLAIN still runs on the server").isZero();
    }

    @Test
    void sigterm_ends_a_check_waiting_for_an_explain_at_once() throws Exception {
        out = ItSupport.newOutputDir("check-sigterm");
        process = PackagedApp.start(out.resolve("check.log"), stuckExplain("SLEEP(61)"), Map.of(), "check", "stuckzm");
        awaitExplain("SLEEP(61)");

        // "At once" without a clock: the stop says so itself, where waiting for the EXPLAIN would
        // end in the read timeout's line (5 minutes, beyond the patience) instead.
        process.destroy();
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(out.resolve("check.log"))).contains("dumper: check stopped on request");
        assertThat(explaining("SLEEP(61)")).as("the EXPLAIN still runs on the server").isZero();
    }

    private static Map<String, String> stuckExplain(String sleep) {
        TestDatabase.ensureStarted();
        return new HashMap<>(TestDatabase.type("stuckzm", "SELECT p.pause FROM (SELECT " + sleep + " AS pause) p "
                + "WHERE :start < :end", "required"));
    }

    private void awaitExplain(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        while (explaining(marker) == 0) {
            assertThat(process.isAlive() && System.nanoTime() < deadline).as("the EXPLAIN reached the server").isTrue();
            Thread.sleep(50);
        }
    }

    private static int explaining(String marker) {
        return Integer.parseInt(query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE db = DATABASE() "
                + "AND id <> CONNECTION_ID() AND info LIKE ?", "EXPLAIN%" + marker + "%").get(0).get(0));
    }
}
