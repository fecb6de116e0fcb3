package dumper.it;

import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * A batch whose query is killed, or whose connection is killed, from a second connection is
 * retried on a new connection, and the file still holds every row exactly once.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class RetryIT {

    @ParameterizedTest
    @ValueSource(strings = {"KILL QUERY", "KILL CONNECTION"})
    void a_killed_batch_is_retried_without_duplicating_rows(String kill, QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("retry");
        // pausezm sleeps 3 s at the start of each batch: time to find its connection and kill it.
        CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> killPausedQuery(kill));
        LaunchResult result = launcher.launch("--dump", "pausezm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
        killer.join();

        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getErrorOutput()).contains("attempt 2 of 3");
        List<List<String>> csv = readCsv(out.resolve("pausezm_2024-01-01_2024-01-07.csv.gz"));
        List<List<String>> expected = query("SELECT CAST(id AS CHAR), CAST(event_time AS CHAR), notes FROM vaccination_event "
                + "WHERE event_time >= '2024-01-01' AND event_time < '2024-01-08' ORDER BY event_time, id");
        assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(expected);
    }

    private static void killPausedQuery(String kill) {
        long deadline = System.currentTimeMillis() + 60_000;
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            while (System.currentTimeMillis() < deadline) {
                List<List<String>> ids = query("SELECT id FROM information_schema.processlist WHERE db = DATABASE() "
                        + "AND info LIKE 'SELECT e.id, e.event_time%SLEEP(3)%'");
                if (!ids.isEmpty()) {
                    Thread.sleep(300);
                    s.execute(kill + " " + ids.get(0).get(0));
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the paused query never showed up in the process list");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
