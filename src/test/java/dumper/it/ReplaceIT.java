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
import java.util.Map;

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

    @Test
    void the_same_rows_in_other_batches_are_the_same_content_though_the_bytes_differ() throws Exception {
        ItSupport.update("INSERT INTO changing_event VALUES (11, '2024-02-01 00:30:00', 'e'), (12, '2024-02-01 01:30:00', 'f'), "
                + "(13, '2024-02-01 05:10:00', 'g'), (14, '2024-02-02 23:59:59', 'h')");
        String file = "changingzm_2024-02-01_2024-02-02.csv.gz";
        Path out = ItSupport.newOutputDir("same-rows");
        Path publish = ItSupport.newOutputDir("same-rows-publish");
        Map<String, String> dirs = Map.of("dumper.publish-dir", publish.toString(), "dumper.report.enabled", "false");
        String[] hourly = {"--dump", "changingzm", "2024-02-01", "2024-02-02", "--batch", "1h", "--output-dir", out.toString()};
        assertThat(PackagedApp.run(out.resolve("hourly.log"), dirs, hourly)).as(Files.readString(out.resolve("hourly.log")))
                .isZero();
        String hourlySha = sha256(publish.resolve(file));
        JsonNode hourlyManifest = manifest(publish.resolve(file));

        // Two-hour batches elsewhere: other gzip members, so other bytes, but the same rows.
        Path elsewhere = ItSupport.newOutputDir("same-rows-2h");
        Map<String, String> elsewhereDirs = Map.of("dumper.publish-dir", elsewhere.resolve("publish").toString(),
                "dumper.report.enabled", "false");
        Files.createDirectories(elsewhere.resolve("publish"));
        assertThat(PackagedApp.run(elsewhere.resolve("run.log"), elsewhereDirs, "--dump", "changingzm", "2024-02-01",
                "2024-02-02", "--batch", "2h", "--output-dir", elsewhere.toString())).isZero();
        JsonNode twoHourly = manifest(elsewhere.resolve(file));
        assertThat(twoHourly.get("sha256").asText()).isNotEqualTo(hourlySha);
        assertThat(twoHourly.get("contentSha256").asText()).isEqualTo(hourlyManifest.get("contentSha256").asText())
                .isEqualTo(sha256(gunzip(elsewhere.resolve(file))));

        // So publishing them over the hourly file is no conflict: it stays as it is, with its manifest.
        Path log = out.resolve("two-hourly.log");
        int exit = PackagedApp.run(log, dirs, "--dump", "changingzm", "2024-02-01", "2024-02-02", "--batch", "2h",
                "--output-dir", out.toString());
        assertThat(exit).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("already published with the same content");
        assertThat(sha256(publish.resolve(file))).isEqualTo(hourlySha);
        assertThat(sha256(out.resolve(file))).isEqualTo(hourlySha);
        assertThat(manifest(publish.resolve(file))).isEqualTo(hourlyManifest);
    }

    @Test
    void a_manifest_from_before_the_content_digest_is_compared_by_decompressing_its_file() throws Exception {
        ItSupport.update("INSERT INTO changing_event VALUES (21, '2024-03-01 00:30:00', 'i'), (22, '2024-03-01 05:10:00', 'j')");
        String file = "changingzm_2024-03-01_2024-03-01.csv.gz";
        Path out = ItSupport.newOutputDir("old-manifest");
        Map<String, String> dirs = Map.of("dumper.publish-dir", out.toString(), "dumper.report.enabled", "false");
        assertThat(PackagedApp.run(out.resolve("hourly.log"), dirs, "--dump", "changingzm", "2024-03-01", "2024-03-01", "--batch",
                "1h", "--output-dir", out.toString())).isZero();
        // As an earlier version wrote it: no contentSha256.
        Path manifest = out.resolve(file + ".manifest.json");
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) manifest(out.resolve(file));
        old.remove("contentSha256");
        Files.writeString(manifest, old.toString());
        String hourlySha = sha256(out.resolve(file));

        Path log = out.resolve("two-hourly.log");
        int exit = PackagedApp.run(log, dirs, "--dump", "changingzm", "2024-03-01", "2024-03-01", "--batch", "2h", "--output-dir",
                out.toString());
        assertThat(exit).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("already published with the same content");
        assertThat(sha256(out.resolve(file))).isEqualTo(hourlySha);
    }

    private static Path gunzip(Path file) throws Exception {
        Path text = Files.createTempFile("content", ".csv");
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            Files.copy(in, text, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return text;
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
