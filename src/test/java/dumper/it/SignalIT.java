package dumper.it;

import static dumper.it.ItSupport.reportEntries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a one-shot run: before publishing it stops with a line and keeps its parts; once
 * publishing began it finishes, and says so with exit code 0 rather than the signal's 143.
 */
@Tag("faults")
class SignalIT {

    @Test
    void a_signal_while_publishing_finishes_the_run_and_exits_0() throws Exception {
        String file = "zm_2024-03-01_2024-03-07.csv.gz";
        Path out = ItSupport.newOutputDir("signal-publish");
        Path publish = ItSupport.newOutputDir("signal-publish-dir");
        Path log = TestDatabase.outputDir.resolve(out.getFileName() + ".log");
        // The report insert takes 3 s: the signal comes once the manifest is published, while the entry is written.
        Map<String, String> slowReport = Map.of("dumper.publish-dir", publish.toString(), "dumper.report.insert",
                "INSERT INTO dump_report (dump_type, file_name, file_path, row_count, byte_count, sha256, window_start, "
                        + "window_end, created_at, run_id) SELECT :type, :fileName, :path, :rows, :bytes, :sha256, :start, :end, "
                        + ":createdAt, :runId FROM (SELECT SLEEP(3) AS pause) p");
        Process run = PackagedApp.start(log, slowReport, "--dump", "zm", "2024-03-01", "2024-03-07", "--output-dir",
                out.toString());
        PackagedApp.awaitFile(publish.resolve(file + ".manifest.json"), run, PackagedApp.PATIENCE_SECONDS);
        long signalled = System.nanoTime();
        run.destroy();
        assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        System.out.printf("SignalIT: exit %d, %d ms after SIGTERM while publishing%n", run.exitValue(),
                (System.nanoTime() - signalled) / 1_000_000);
        List<String> lines = Files.readAllLines(log);
        assertThat(run.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains(publish.resolve(file).toString());
        assertThat(reportEntries(file)).isEqualTo(1);
        assertThat(out.resolve(".dumper").resolve(file)).as("nothing left to resume").doesNotExist();
    }

    @Test
    void a_run_whose_report_entry_outlasts_the_shutdown_grace_completes_with_exit_0_its_path_and_no_lock() throws Exception {
        // A window of its own: a file another class already reported with these bytes would need no insert.
        String file = "zm_2024-06-17_2024-06-23.csv.gz";
        Path out = ItSupport.newOutputDir("signal-grace");
        Path log = TestDatabase.outputDir.resolve(out.getFileName() + ".log");
        // The report insert waits at a gate the test holds, for longer than the 1 s grace.
        Map<String, String> heldReport = Map.of("dumper.serve.shutdown-grace", "PT1S", "dumper.report.insert",
                "INSERT INTO dump_report (dump_type, file_name, file_path, row_count, byte_count, sha256, window_start, "
                        + "window_end, created_at, run_id) SELECT :type, :fileName, :path, :rows, :bytes, :sha256, :start, :end, "
                        + ":createdAt, :runId FROM (SELECT GET_LOCK(CONCAT('gate/', DATABASE(), '/report'), 600) + "
                        + "RELEASE_LOCK(CONCAT('gate/', DATABASE(), '/report')) AS passed) gate");
        Process run;
        try (Gate gate = Gate.closedFor("report")) {
            run = PackagedApp.start(log, heldReport, "--dump", "zm", "2024-06-17", "2024-06-23", "--output-dir",
                    out.toString());
            gate.awaitWaiting(1, run);
            run.destroy();
            PackagedApp.awaitLine(log, "the shutdown grace is over, but a run is publishing its files", run, PackagedApp.PATIENCE_SECONDS);
        }
        assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(run.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).contains(TestDatabase.publishDir.resolve(file).toString());
        assertThat(reportEntries(file)).isEqualTo(1);
        assertThat(out.resolve(".dumper").resolve(file + ".lock")).as("lock released").doesNotExist();
        assertThat(out.resolve(".dumper").resolve(file)).as("nothing left to resume").doesNotExist();
    }

    @Test
    void a_signal_before_publishing_stops_with_a_line_and_keeps_the_finished_batches() throws Exception {
        String file = "gatezm_2024-03-01_2024-03-28.csv.gz";
        Path out = ItSupport.newOutputDir("signal-export");
        Path log = TestDatabase.outputDir.resolve(out.getFileName() + ".log");
        Process run;
        // The first week passes, the others wait at the gate: the signal always comes mid-run.
        try (Gate gate = Gate.closedFor("2024-03-08", "2024-03-15", "2024-03-22")) {
            run = PackagedApp.start(log, Map.of("dumper.serve.shutdown-grace", "PT1H"), "--dump", "gatezm",
                    "2024-03-01", "2024-03-28", "--threads", "1", "--output-dir", out.toString());
            PackagedApp.awaitFile(out.resolve(".dumper/" + file + "/000001.done"), run, PackagedApp.PATIENCE_SECONDS);
            gate.awaitWaiting(1, run);
            run.destroy();
            assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(run.exitValue()).as(String.join("\n", lines)).isEqualTo(143);
        assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).singleElement().asString()
                .contains("finished batches are kept");
        assertThat(ItSupport.visibleFiles(out)).isEmpty();
        assertThat(out.resolve(".dumper/" + file + "/000001.done")).exists();
        assertThat(reportEntries(file)).isZero();
    }
}
