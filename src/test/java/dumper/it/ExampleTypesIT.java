package dumper.it;

import static dumper.it.ItSupport.onlyFile;
import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** The four types the old tool had, as shipped in application.properties and queries/. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ExampleTypesIT {

    @ParameterizedTest
    @CsvSource({
            "zm, vaccination_event, event_time",
            "mcct, cash_transfer_payment, paid_at",
            "bcu, beneficiary, updated_at",
            "vaud, vaccinator_audit, logged_at"})
    void a_range_dump_has_every_row_of_the_range(String type, String table, String timeColumn, QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir(type);
        LaunchResult result = launcher.launch("--dump", type, "2024-01-01", "2024-01-31", "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        List<List<String>> csv = readCsv(onlyFile(out));
        String count = query("SELECT COUNT(*) FROM " + table + " WHERE " + timeColumn + " >= '2024-01-01' AND "
                + timeColumn + " < '2024-02-01'").get(0).get(0);
        assertThat(csv).hasSize(Integer.parseInt(count) + 1);
        assertThat(Integer.parseInt(count)).isGreaterThan(100);
    }

    @ParameterizedTest
    @CsvSource({"bcu, updated_at", "vaud, logged_at"})
    void a_snapshot_type_without_dates_covers_today_so_far(String type, String timeColumn, QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir(type);
        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        LaunchResult result = launcher.launch("--dump", type, "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        Path file = onlyFile(out);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(file.getFileName().toString()).startsWith(type + "_" + today + "T000000_" + today + "T");

        List<List<String>> csv = readCsv(file);
        int column = csv.get(0).indexOf(timeColumn);
        List<String> times = csv.subList(1, csv.size()).stream().map(r -> r.get(column)).toList();
        assertThat(times).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith(today));
        String upToStart = before.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String expectedAtLeast = query("SELECT COUNT(*) FROM " + (type.equals("bcu") ? "beneficiary" : "vaccinator_audit")
                + " WHERE " + timeColumn + " >= CURDATE() AND " + timeColumn + " < ?", upToStart).get(0).get(0);
        assertThat(times.size()).isGreaterThanOrEqualTo(Integer.parseInt(expectedAtLeast));
    }
}
