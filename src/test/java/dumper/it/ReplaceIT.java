package dumper.it;

import static dumper.it.ItSupport.errorLines;
import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static dumper.it.ItSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * A re-run of a published window after the source changed: the same bytes are left alone, other
 * bytes are refused unless --replace is given, and every report entry describes the bytes at its path.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ReplaceIT {

    private static final String FILE = "changingzm_2024-01-01_2024-01-14.csv.gz";

    /** The table that type changingzm reads; tests change it between runs, each in a window of its own. */
    static void createTheChangingTable() {
        ItSupport.update("CREATE TABLE IF NOT EXISTS changing_event (id INT PRIMARY KEY, ts DATETIME NOT NULL, note VARCHAR(40))");
    }

    @BeforeAll
    static void fillJanuary() {
        createTheChangingTable();
        ItSupport.update("INSERT INTO changing_event VALUES (1, '2024-01-02 10:00:00', 'a'), (2, '2024-01-09 11:00:00', 'b'), "
                + "(3, '2024-01-13 12:00:00', 'c')");
    }

    private static LaunchResult run(QuarkusMainLauncher launcher, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--dump", "changingzm", "2024-01-01", "2024-01-14",
                "--output-dir", out.toString()));
        args.addAll(List.of(more));
        return launcher.launch(args.toArray(String[]::new));
    }

    @Test
    void a_changed_source_is_refused_until_replace_is_given_and_the_entry_always_tells_the_truth(QuarkusMainLauncher launcher)
            throws Exception {
        Path out = ItSupport.newOutputDir("replace");
        Path published = TestDatabase.publishDir.resolve(FILE);

        LaunchResult first = run(launcher, out);
        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
        assertEntriesTellTheTruth(3);
        String firstSha = sha256(published);
        String firstRunId = manifest(published).get("runId").asText();
        FileTime firstWritten = Files.getLastModifiedTime(published);

        // The same content: nothing to do, no second entry, the file and its manifest untouched.
        LaunchResult same = run(launcher, out);
        assertThat(same.exitCode()).as(same.getErrorOutput()).isZero();
        assertThat(same.getErrorOutput()).contains("already published with the same content", "nothing to replace");
        assertThat(Files.getLastModifiedTime(published)).isEqualTo(firstWritten);
        assertThat(manifest(published).get("runId").asText()).isEqualTo(firstRunId);
        assertEntriesTellTheTruth(3);

        // The source changed: a clear refusal, the published file and its entry as they were.
        ItSupport.update("INSERT INTO changing_event VALUES (4, '2024-01-03 09:00:00', 'd')");
        LaunchResult refused = run(launcher, out);
        List<String> lines = errorLines(refused);
        assertThat(lines.get(lines.size() - 1)).startsWith("dumper: ").contains(FILE, "already published with other content",
                "3 rows", "this run: 4 rows", "--replace");
        assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).hasSize(1);
        assertThat(refused.exitCode()).isEqualTo(7);
        assertThat(sha256(published)).isEqualTo(firstSha);
        assertThat(sha256(out.resolve(FILE))).isEqualTo(firstSha);
        assertThat(manifest(published).get("runId").asText()).isEqualTo(firstRunId);
        assertThat(ItSupport.visibleFiles(out)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(FILE, FILE + ".manifest.json");
        assertThat(Files.list(out).filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        assertEntriesTellTheTruth(3);

        // Asked for explicitly: replaced atomically, and the one entry now describes the new bytes.
        LaunchResult replaced = run(launcher, out, "--replace");
        assertThat(replaced.exitCode()).as(replaced.getErrorOutput()).isZero();
        assertThat(replaced.getErrorOutput()).contains("replaced the published " + FILE + " (3 rows, sha256 "
                + firstSha.substring(0, 12), "with this run's 4 rows");
        assertThat(readCsv(published)).hasSize(1 + 4);
        assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(published));
        assertEntriesTellTheTruth(4);
    }

    /** One entry for the file, and it describes the bytes and the manifest at its path. */
    private static void assertEntriesTellTheTruth(int rows) throws Exception {
        List<List<String>> entries = query("SELECT file_path, row_count, byte_count, sha256, run_id FROM dump_report "
                + "WHERE file_name = ?", FILE);
        assertThat(entries).hasSize(1);
        List<String> entry = entries.get(0);
        Path path = Path.of(entry.get(0));
        JsonNode manifest = manifest(path);
        assertThat(entry.get(1)).isEqualTo(String.valueOf(rows));
        assertThat(readCsv(path)).hasSize(1 + rows);
        assertThat(entry.get(2)).isEqualTo(String.valueOf(Files.size(path)));
        assertThat(entry.get(3)).isEqualTo(sha256(path)).isEqualTo(manifest.get("sha256").asText());
        assertThat(entry.get(4)).isEqualTo(manifest.get("runId").asText());
        assertThat(manifest.get("rows").asInt()).isEqualTo(rows);
    }

    private static JsonNode manifest(Path file) throws Exception {
        return new ObjectMapper().readTree(file.resolveSibling(file.getFileName() + ".manifest.json").toFile());
    }
}
