package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static dumper.it.ItSupport.onlyFile;
import static dumper.it.ItSupport.readCsv;
import static dumper.it.ItSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * A run reads several batches at once, and the file does not change with it; runs of different
 * types go side by side; a second run for the same file is refused.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ParallelIT {

    @Test
    void one_run_reads_batches_on_as_many_connections_as_threads_and_keeps_row_order(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("threads");
        // whozm pauses 0.2 s per weekly batch and writes the id of the connection that read each row.
        LaunchResult result = launcher.launch("--dump", "whozm", "2024-01-01", "2024-02-25", "--threads", "3",
                "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();

        List<List<String>> rows = readCsv(onlyFile(out));
        List<List<String>> data = rows.subList(1, rows.size());
        assertThat(data.stream().map(r -> r.get(0)).distinct()).as("connections that read batches").hasSize(3);
        assertThat(data.stream().map(r -> List.of(r.get(1))).toList()).containsExactlyElementsOf(ItSupport.query(
                "SELECT CAST(id AS CHAR) FROM vaccination_event WHERE event_time >= '2024-01-01' AND event_time < '2024-02-26' "
                        + "ORDER BY event_time, id"));
    }

    @Test
    void the_file_is_byte_for_byte_the_same_whatever_the_thread_count(QuarkusMainLauncher launcher) {
        Path one = ItSupport.newOutputDir("threads-1");
        Path four = ItSupport.newOutputDir("threads-4");
        for (Path out : List.of(one, four)) {
            LaunchResult result = launcher.launch("--dump", "zm", "2024-01-01", "2024-02-29", "--batch-hours", "13",
                    "--threads", out == one ? "1" : "4", "--output-dir", out.toString());
            assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        }
        assertThat(sha256(onlyFile(four))).isEqualTo(sha256(onlyFile(one)));
    }

    @Test
    void two_types_run_at_the_same_time_in_separate_processes(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("parallel");
        Process held;
        try (Gate gate = Gate.closedFor("2024-01-01")) {
            held = PackagedApp.start(out.resolve("gatezm.log"), "--dump", "gatezm", "2024-01-01", "2024-02-25",
                    "--threads", "1", "--output-dir", out.toString());
            gate.awaitWaiting(1, held);

            LaunchResult other = launcher.launch("--dump", "mcct", "2024-01-01", "2024-03-31", "--output-dir", out.toString());
            assertThat(other.exitCode()).as(other.getErrorOutput()).isZero();
            assertThat(held.isAlive()).as("gatezm still running while mcct finished").isTrue();
        }
        assertThat(held.waitFor()).isZero();
        assertThat(out.resolve("gatezm_2024-01-01_2024-02-25.csv.gz")).exists();
        assertThat(out.resolve("mcct_2024-01-01_2024-03-31.csv.gz")).exists();
    }

    @Test
    void the_same_file_twice_at_once_is_refused_and_the_first_run_finishes(QuarkusMainLauncher launcher) throws Exception {
        assertRefusedWhileRunning(launcher, "gatezm", "2024-01-01", "2024-02-11");
    }

    @Test
    void a_file_of_a_batch_is_refused_while_a_run_over_a_wider_window_writes_it(QuarkusMainLauncher launcher)
            throws Exception {
        // One file per weekly batch; the second run asks for the second week's file alone.
        assertRefusedWhileRunning(launcher, "gatebatchzm", "2024-01-08", "2024-01-14");
    }

    /**
     * Starts {@code type} over 2024-01-01..2024-02-11, held at its first batch, and meanwhile asks
     * for {@code start}..{@code end}, which writes a file the first run writes: refused with exit 6.
     */
    private static void assertRefusedWhileRunning(QuarkusMainLauncher launcher, String type, String start, String end)
            throws Exception {
        Path out = ItSupport.newOutputDir(type);
        String refusedFile = type + "_" + start + "_" + end + ".csv.gz";
        Process first;
        try (Gate gate = Gate.closedFor("2024-01-01")) {
            first = PackagedApp.start(out.resolve("first.log"), "--dump", type, "2024-01-01", "2024-02-11",
                    "--threads", "1", "--output-dir", out.toString());
            gate.awaitWaiting(1, first);

            LaunchResult second = launcher.launch("--dump", type, start, end, "--output-dir", out.toString());
            assertThat(first.isAlive()).as("the first run still going when the second was refused").isTrue();
            assertRejected(second, 6, null, "another run is already writing " + refusedFile);
        }
        assertThat(first.waitFor()).isZero();
        assertThat(out.resolve(refusedFile)).exists();
    }
}
