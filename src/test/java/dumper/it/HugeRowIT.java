package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Rows larger than the heap allows, with the JVM options the {@code ./dumper} launcher ships
 * (as every packaged-app test; DeployFilesTest keeps the pom's copy equal to the script's): a row within the default limit
 * is exported; a larger one is refused in one line that names its size and the setting, and
 * even with the limit raised past the heap the run ends in one line, never a hang or a stack
 * trace.
 */
@Tag("faults")
class HugeRowIT {

    /** Within a sixteenth of the launcher's 40 MB heap, as hex twice its size: the hardest case. */
    private static final int WITHIN = 2 * 1024 * 1024;
    private static final int BEYOND = 6 * 1024 * 1024;

    @BeforeAll
    static void createRows() throws Exception {
        TestDatabase.ensureStarted();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE huge_row (id INT PRIMARY KEY, bin LONGBLOB, txt LONGTEXT)");
            s.execute("INSERT INTO huge_row VALUES (1, REPEAT(X'AB', " + WITHIN + "), 'small'), (2, NULL, REPEAT('a', "
                    + BEYOND + "))");
        }
    }

    @Test
    void a_row_within_the_default_limit_is_exported() throws Exception {
        Path out = ItSupport.newOutputDir("huge-within");
        Result result = run(out, 1, Map.of());
        assertThat(result.exitCode).as(result.log).isZero();
        List<List<String>> csv = ItSupport.readCsv(ItSupport.onlyFile(out));
        assertThat(csv.get(1).get(1)).hasSize(2 * WITHIN).startsWith("ABAB").endsWith("ABAB");
    }

    @Test
    void a_row_beyond_the_limit_is_refused_in_one_line_naming_its_size_and_the_setting() throws Exception {
        Path out = ItSupport.newOutputDir("huge-beyond");
        Result result = run(out, 2, Map.of());
        assertThat(result.exitCode).as(result.log).isEqualTo(3);
        assertThat(result.dumperLines()).singleElement().asString()
                .contains("has a row of 6,291,", "dumper.source.max-row-size", "-Xmx");
        assertThat(result.log).doesNotContain("Exception", "\tat ");
        assertThat(ItSupport.visibleFiles(out)).allMatch(p -> p.toString().endsWith(".log"));
    }

    @Test
    void a_row_the_heap_cannot_hold_ends_the_run_in_one_line_even_with_the_limit_raised() throws Exception {
        Path out = ItSupport.newOutputDir("huge-heap");
        Result result = run(out, 2, Map.of("dumper.source.max-row-size", "64M"));
        assertThat(result.exitCode).as(result.log).isEqualTo(3);
        assertThat(result.dumperLines()).singleElement().asString().contains("too large for the", "-Xmx");
        assertThat(result.log).doesNotContain("Exception", "\tat ");
    }

    private record Result(int exitCode, String log) {
        List<String> dumperLines() {
            return log.lines().filter(l -> l.startsWith("dumper: ")).toList();
        }
    }

    private static Result run(Path out, int id, Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(TestDatabase.type("hugerow" + id,
                "SELECT id, bin, txt FROM huge_row WHERE id = " + id, "prohibited"));
        config.putAll(extra);
        Path log = out.resolve("run.log");
        Process process = PackagedApp.start(log, config, "--dump", "hugerow" + id,
                "--output-dir", out.toString());
        boolean ended = process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            PackagedApp.kill9(process);
        }
        assertThat(ended).as("the run ended (no hang)").isTrue();
        return new Result(process.exitValue(), Files.readString(log));
    }
}
