package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static dumper.it.ItSupport.reportEntries;
import static dumper.it.ItSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** Publication: the publish directory, the manifest, and exactly one report entry per file. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ReportIT {

    @Test
    void a_published_file_has_a_true_manifest_and_one_report_entry_however_often_it_is_run(QuarkusMainLauncher launcher)
            throws Exception {
        String file = "zm_2024-04-01_2024-04-21.csv.gz";
        Path out = ItSupport.newOutputDir("report");
        for (int run = 0; run < 3; run++) {
            LaunchResult result = launcher.launch("--dump", "zm", "2024-04-01", "2024-04-21", "--output-dir", out.toString());
            assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        }
        Path published = TestDatabase.publishDir.resolve(file);
        assertThat(sha256(published)).isEqualTo(sha256(out.resolve(file)));
        assertThat(reportEntries(file)).isEqualTo(1);

        JsonNode manifest = new ObjectMapper().readTree(TestDatabase.publishDir.resolve(file + ".manifest.json").toFile());
        int rows = readCsv(published).size() - 1;
        assertThat(manifest.get("type").asText()).isEqualTo("zm");
        assertThat(manifest.get("rows").asLong()).isEqualTo(rows);
        assertThat(manifest.get("bytes").asLong()).isEqualTo(Files.size(published));
        assertThat(manifest.get("sha256").asText()).isEqualTo(sha256(published));
        assertThat(manifest.get("windowStart").asText()).isEqualTo("2024-04-01T00:00:00");
        assertThat(manifest.get("windowEnd").asText()).isEqualTo("2024-04-22T00:00:00");
        assertThat(manifest.get("batches")).hasSize(3);
        long batchRows = 0;
        for (JsonNode batch : manifest.get("batches")) {
            batchRows += batch.get("rows").asLong();
        }
        assertThat(batchRows).isEqualTo(rows);
        assertThat(manifest.get("querySha256").asText()).isEqualTo(sha256(Path.of("queries/zm.sql")));

        List<String> entry = query("SELECT dump_type, file_path, row_count, byte_count, sha256, window_start, window_end "
                + "FROM dump_report WHERE file_name = ?", file).get(0);
        assertThat(entry).containsExactly("zm", published.toAbsolutePath().toString(), String.valueOf(rows),
                String.valueOf(Files.size(published)), sha256(published), "2024-04-01 00:00:00", "2024-04-22 00:00:00");
    }

    @Test
    void since_last_run_starts_exactly_where_the_last_published_window_ended(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("since");
        assertRejected(launcher.launch("--dump", "sincezm", "--output-dir", out.toString()), 2, out, "no earlier run of type sincezm");

        LaunchResult first = launcher.launch("--dump", "sincezm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
        LaunchResult next = launcher.launch("--dump", "sincezm", "--output-dir", out.toString());
        assertThat(next.exitCode()).as(next.getErrorOutput()).isZero();

        List<List<String>> windows = query("SELECT window_start, window_end FROM dump_report WHERE dump_type = 'sincezm' "
                + "ORDER BY window_start");
        assertThat(windows).hasSize(2);
        assertThat(windows.get(0)).containsExactly("2024-01-01 00:00:00", "2024-01-08 00:00:00");
        assertThat(windows.get(1).get(0)).isEqualTo(windows.get(0).get(1));
        assertThat(next.getOutput()).contains("sincezm_2024-01-08T000000_");
    }
}
