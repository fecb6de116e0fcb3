package dumper.it;

import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * A batch whose query is killed, or whose connection is killed, from a second connection is
 * retried on a new connection, and the file still holds every row exactly once.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class RetryIT {

    @ParameterizedTest
    @ValueSource(strings = {"KILL QUERY", "KILL CONNECTION"})
    void a_killed_batch_is_retried_without_duplicating_rows(String kill) throws Exception {
        Path out = ItSupport.newOutputDir("retry");
        Path log = out.resolve("run.log");
        Process run;
        try (Gate gate = Gate.closedFor("2024-01-01")) {
            run = PackagedApp.start(log, "--dump", "gatezm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
            gate.awaitWaiting(1, run);
            gate.killWaiting(kill);
        }
        assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the run ended").isTrue();

        assertThat(run.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("attempt 2 of 3");
        List<List<String>> csv = readCsv(out.resolve("gatezm_2024-01-01_2024-01-07.csv.gz"));
        List<List<String>> expected = query("SELECT CAST(id AS CHAR), CAST(event_time AS CHAR), notes FROM vaccination_event "
                + "WHERE event_time >= '2024-01-01' AND event_time < '2024-01-08' ORDER BY event_time, id");
        assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(expected);
    }
}
