package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** The commands around a dump: help, version, list, check, dry run. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class CommandsIT {

    @Test
    void help_shows_the_old_form_and_the_exit_codes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("--dump=TYPE", "START_DATE", "END_DATE", "--batch-hours", "--dry-run",
                "list", "check", "Exit codes:");
        assertThat(result.getOutputStream()).anySatisfy(line -> assertThat(line).matches("\\s*6\\s+busy.*"));
    }

    @Test
    void help_lists_every_exit_code_and_its_examples_stay_indented(QuarkusMainLauncher launcher) {
        List<String> lines = launcher.launch("--help").getOutputStream();
        List<String> codes = lines.subList(lines.indexOf("Exit codes:") + 1, lines.size()).stream()
                .takeWhile(line -> !line.isBlank())
                .map(line -> line.trim().split("\\s+")[0])
                .toList();
        assertThat(codes).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "130", "143");
        List<String> examples = lines.subList(lines.indexOf("Examples:") + 1, lines.size()).stream()
                .filter(line -> !line.isBlank())
                .toList();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(line -> assertThat(line).startsWith("  ").hasSizeLessThanOrEqualTo(80));
    }

    @Test
    void version_names_the_tool(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).matches("dumper \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void list_shows_each_type_with_its_settings(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("list");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutputStream()).anySatisfy(line -> assertThat(line).matches("zm\\s+required\\s+P7D\\s+none\\s+csv\\.gz\\s+queries/zm\\.sql.*"));
        assertThat(result.getOutputStream()).anySatisfy(line -> assertThat(line).matches("bcu\\s+optional\\s+P1D\\s+today\\s+.*"));
        assertThat(result.getOutput()).doesNotContain("DATASOURCE");

        LaunchResult verbose = launcher.launch("list", "-v");
        assertThat(verbose.getOutputStream().get(0)).endsWith("DATASOURCE   THREADS SCHEDULE");
        assertThat(verbose.getOutputStream()).anySatisfy(line -> assertThat(line).matches("zm\\s+required.*<default>\\s+2\\s+-"));
    }

    @Test
    void check_passes_for_good_types_and_names_what_is_wrong_with_bad_ones(QuarkusMainLauncher launcher) {
        LaunchResult good = launcher.launch("check", "zm", "mcct", "bcu", "vaud", "alltypes");
        assertThat(good.exitCode()).as(good.getErrorOutput()).isZero();
        assertThat(good.getOutputStream().stream().filter(line -> line.startsWith("ok"))).hasSize(5);
        // What the server plans for one batch: each table's access type, index and estimated rows.
        assertThat(good.getOutputStream()).allSatisfy(line -> assertThat(line).matches("ok .*|\\s+EXPLAIN \\S+: \\w+.*|rights .*|source guard .*"))
                .anySatisfy(line -> assertThat(line).matches("\\s+EXPLAIN \\S+: range on \\S+, ~\\d+ rows"));
        assertThat(good.getErrorOutput()).doesNotContain("warn  zm:");
        assertThat(good.getOutputStream()).anySatisfy(line -> assertThat(line).startsWith(
                "rights <default> (source of zm, mcct, bcu, vaud, alltypes; report entries in dump_report): ").contains("SELECT"));
        assertThat(good.getErrorOutput()).contains("warn  datasource <default>: report entries are written into the source database");

        // A windowed type whose query cannot use an index reads the whole table for every batch: a warning.
        LaunchResult scan = launcher.launch("check", "scanzm");
        assertThat(scan.exitCode()).as(scan.getErrorOutput()).isZero();
        assertThat(scan.getOutputStream()).anySatisfy(line -> assertThat(line).matches("\\s+EXPLAIN vaccination_event: (ALL|index).*"));
        assertThat(scan.getErrorOutput()).contains("warn  scanzm: the query reads all of table", "index the column the window");
        // What the source guard does with every type's batches.
        assertThat(good.getOutputStream()).anySatisfy(line -> assertThat(line)
                .startsWith("source guard (every type, per datasource): holds above Threads_running"));

        LaunchResult bad = launcher.launch("check", "zm", "badsql");
        assertThat(bad.exitCode()).isEqualTo(3);
        assertThat(bad.getOutput()).contains("ok    zm");
        assertThat(bad.getErrorOutput()).contains("FAIL  badsql", "fails on the server");
    }

    @Test
    void dry_run_prints_the_plan_and_writes_nothing(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("dry");
        LaunchResult result = launcher.launch("--dump", "zm", "2024-01-29", "2024-03-01", "--batch", "P1M", "--dry-run",
                "--output-dir", out.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains(
                "window    [2024-01-29 00:00:00, 2024-03-02 00:00:00)",
                "batches   2 of P1M",
                "     1    [2024-01-29 00:00:00, 2024-02-29 00:00:00)",
                "     2    [2024-02-29 00:00:00, 2024-03-02 00:00:00)",
                "zm_2024-01-29_2024-03-01.csv.gz");
        assertThat(ItSupport.visibleFiles(out)).isEmpty();
    }

    @Test
    void positional_dates_and_start_end_do_not_mix(QuarkusMainLauncher launcher) {
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--start", "2024-01-01"), 2, null, "not both");
    }
}
