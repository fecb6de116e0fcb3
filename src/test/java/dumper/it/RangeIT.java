package dumper.it;

import static dumper.it.ItSupport.onlyFile;
import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** A range dump holds exactly the rows of {@code ts >= start AND ts < end}, whatever the batching. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class RangeIT {

    private static final String EXPECTED = "SELECT CAST(id AS CHAR), CAST(event_time AS CHAR), notes FROM vaccination_event "
            + "WHERE event_time >= ? AND event_time < ? ORDER BY event_time, id";

    @Test
    void the_old_command_line_dumps_whole_days_in_odd_sized_batches(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("range");
        LaunchResult result = launcher.launch("--dump", "zm", "2024-01-01", "2024-02-29", "--batch-hours", "13",
                "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();

        Path file = onlyFile(out);
        assertThat(file.getFileName().toString()).isEqualTo("zm_2024-01-01_2024-02-29.csv.gz");
        assertThat(result.getOutput()).contains(file.getFileName().toString());
        assertThat(eventColumns(readCsv(file)))
                .containsExactlyElementsOf(query(EXPECTED, "2024-01-01 00:00:00", "2024-03-01 00:00:00"));
    }

    @Test
    void a_date_time_end_is_exclusive_and_boundary_rows_land_once(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("boundary");
        LaunchResult result = launcher.launch("--dump", "zm", "--start", "2024-01-07 12:00", "--end", "2024-01-08 00:00:00",
                "--batch", "PT3H", "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();

        List<List<String>> rows = eventColumns(readCsv(onlyFile(out)));
        assertThat(rows).containsExactlyElementsOf(query(EXPECTED, "2024-01-07 12:00:00", "2024-01-08 00:00:00"));
        assertThat(rows).extracting(r -> r.get(1)).contains("2024-01-07 23:59:59").doesNotContain("2024-01-08 00:00:00");

        Path next = ItSupport.newOutputDir("boundary-next");
        launcher.launch("--dump", "zm", "--start", "2024-01-08 00:00", "--end", "2024-01-08 12:00",
                "--batch", "PT3H", "--output-dir", next.toString());
        assertThat(eventColumns(readCsv(onlyFile(next)))).extracting(r -> r.get(1)).contains("2024-01-08 00:00:00");
    }

    /** event_id, event_time and notes, the columns that EXPECTED selects. */
    private static List<List<String>> eventColumns(List<List<String>> csv) {
        List<String> header = csv.get(0);
        int id = header.indexOf("event_id");
        int time = header.indexOf("event_time");
        int notes = header.indexOf("notes");
        return csv.subList(1, csv.size()).stream().map(r -> Arrays.asList(r.get(id), r.get(time), r.get(notes))).toList();
    }
}
