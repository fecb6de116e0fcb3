package dumper.it;

import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** TSV, JSON Lines and one file per batch, from the same zm query, against the database's own counts. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class FormatsIT {

    private static final String EXPECTED_IDS = "SELECT CAST(id AS CHAR) FROM vaccination_event "
            + "WHERE event_time >= ? AND event_time < ? ORDER BY event_time, id";

    private static List<String> expectedIds(String start, String end) {
        return query(EXPECTED_IDS, start, end).stream().map(r -> r.get(0)).toList();
    }

    private static List<String> lines(Path gz) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }

    private static Path dump(QuarkusMainLauncher launcher, String type) {
        Path out = ItSupport.newOutputDir(type);
        LaunchResult result = launcher.launch("--dump", type, "2024-01-01", "2024-01-14", "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        return out;
    }

    @Test
    void tsv_is_the_mysql_text_format_one_line_per_row(QuarkusMainLauncher launcher) throws IOException {
        List<String> lines = lines(dump(launcher, "zmtsv").resolve("zmtsv_2024-01-01_2024-01-14.tsv.gz"));
        assertThat(lines.get(0)).startsWith("event_id\tevent_time\t");
        // Escaped newlines and tabs keep one row per line.
        assertThat(lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf('\t'))).toList())
                .containsExactlyElementsOf(expectedIds("2024-01-01", "2024-01-15"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\\N"));
    }

    @Test
    void json_lines_are_one_valid_object_per_row(QuarkusMainLauncher launcher) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (String line : lines(dump(launcher, "zmjsonl").resolve("zmjsonl_2024-01-01_2024-01-14.jsonl.gz"))) {
            JsonNode row = json.readTree(line);
            assertThat(row.get("event_id").isNumber()).isTrue();
            assertThat(row.get("event_time").isTextual()).isTrue();
            ids.add(row.get("event_id").asText());
        }
        assertThat(ids).containsExactlyElementsOf(expectedIds("2024-01-01", "2024-01-15"));
    }

    @Test
    void one_file_per_batch_each_with_its_header_manifest_and_rows(QuarkusMainLauncher launcher) {
        Path out = dump(launcher, "zmweekly");
        for (String[] week : new String[][] {{"2024-01-01", "2024-01-07", "2024-01-08"}, {"2024-01-08", "2024-01-14", "2024-01-15"}}) {
            Path file = out.resolve("zmweekly_" + week[0] + "_" + week[1] + ".csv.gz");
            List<List<String>> csv = readCsv(file);
            assertThat(csv.get(0).get(0)).isEqualTo("event_id");
            assertThat(csv.subList(1, csv.size()).stream().map(r -> r.get(0)).toList())
                    .containsExactlyElementsOf(expectedIds(week[0], week[2]));
            assertThat(out.resolve(file.getFileName() + ".manifest.json")).exists();
            assertThat(ItSupport.reportEntries(file.getFileName().toString())).isEqualTo(1);
        }
    }
}
