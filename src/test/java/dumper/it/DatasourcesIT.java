package dumper.it;

import static dumper.it.ItSupport.readCsv;
import static dumper.it.ItSupport.reportEntries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Datasources the build did not declare, as README documents them: the report's own
 * ({@code dumper.report.datasource=report} with {@code quarkus.datasource.report.*}) and a type's
 * {@code datasource}. And a password in any JDBC URL spelling never reaches an error line.
 */
@Tag("faults")
class DatasourcesIT {

    private static String testUrl() {
        TestDatabase.ensureStarted();
        return TestDatabase.serverUrl + "/" + TestDatabase.database + TestDatabase.jdbcOptions();
    }

    private static Map<String, String> datasource(String name, String url) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource." + name + ".jdbc.url", url);
        config.put("quarkus.datasource." + name + ".username", TestDatabase.user);
        config.put("quarkus.datasource." + name + ".password", TestDatabase.password);
        return config;
    }

    private static List<String> run(Path out, Map<String, String> extra, int expectedExit, String... args) throws Exception {
        Path log = Files.createTempFile(TestDatabase.outputDir, "datasource", ".log");
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--output-dir", out.toString()));
        int exit = PackagedApp.run(log, extra, all.toArray(String[]::new));
        List<String> lines = Files.readAllLines(log);
        assertThat(exit).as(String.join("\n", lines)).isEqualTo(expectedExit);
        return lines;
    }

    private static List<String> errors(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("dumper: ")).toList();
    }

    @Test
    void a_separate_report_datasource_records_the_entry() throws Exception {
        Path out = ItSupport.newOutputDir("report-ds");
        Map<String, String> config = datasource("report", testUrl());
        config.put("dumper.report.datasource", "report");
        run(out, config, 0, "--dump", "zm", "2024-05-01", "2024-05-07");
        assertThat(reportEntries("zm_2024-05-01_2024-05-07.csv.gz")).isEqualTo(1);
    }

    @Test
    void an_unreachable_report_datasource_fails_before_any_export_naming_its_url() throws Exception {
        Path out = ItSupport.newOutputDir("report-ds-down");
        Map<String, String> config = datasource("report", "jdbc:mysql://127.0.0.1:9/portal?password=Sekr1t;more");
        config.put("dumper.report.datasource", "report");
        List<String> lines = run(out, config, 4, "--dump", "zm", "2024-05-08", "2024-05-14");
        assertThat(errors(lines)).singleElement().asString().contains("jdbc:mysql://127.0.0.1:9/portal?password=***");
        assertThat(String.join("\n", lines)).doesNotContain("Sekr1t").doesNotContain("more");
        try (var files = Files.list(out)) {
            // Only the run history's record of the failed run: no file, no staging area.
            assertThat(files).as("nothing exported, not even a staging area").allMatch(f -> f.getFileName().toString().equals(".dumper"));
        }
        try (var staged = Files.list(out.resolve(".dumper"))) {
            assertThat(staged).as("nothing staged").allMatch(f -> f.getFileName().toString().equals("runs"));
        } catch (java.nio.file.NoSuchFileException noHistory) {
            // No record either: also nothing exported.
        }
    }

    @Test
    void a_types_own_datasource_is_read_from() throws Exception {
        Path out = ItSupport.newOutputDir("type-ds");
        Map<String, String> config = datasource("other", testUrl());
        config.put("dumper.dumps.otherzm.query-file", "queries/zm.sql");
        config.put("dumper.dumps.otherzm.date-range", "required");
        config.put("dumper.dumps.otherzm.datasource", "other");
        run(out, config, 0, "--dump", "otherzm", "2024-05-01", "2024-05-07");
        assertThat(readCsv(out.resolve("otherzm_2024-05-01_2024-05-07.csv.gz")).size()).isGreaterThan(1);

        config.put("dumper.dumps.otherzm.datasource", "missing");
        List<String> lines = run(out, config, 3, "--dump", "otherzm", "2024-05-08", "2024-05-14");
        assertThat(errors(lines)).singleElement().asString()
                .contains("datasource 'missing' is not configured", "quarkus.datasource.missing.jdbc.url");
    }

    @Test
    void a_password_never_reaches_an_error_line_whatever_the_url_spelling() throws Exception {
        Path out = ItSupport.newOutputDir("masked");
        Map<String, String> secrets = Map.of(
                "jdbc:mysql://app:pa@ss-One@127.0.0.1:9/x", "ss-One",
                "jdbc:mysql://app:pa/ss-Two@127.0.0.1:9/x", "ss-Two",
                "jdbc:mysql://127.0.0.1:9/x?password=a;ss-Three", "ss-Three",
                "jdbc:mysql://127.0.0.1:9/x?password1=ss-Four&password2=ss-Five", "ss-F");
        for (Map.Entry<String, String> url : secrets.entrySet()) {
            List<String> lines = run(out, Map.of("quarkus.datasource.jdbc.url", url.getKey()), 4,
                    "--dump", "zm", "2024-05-01", "2024-05-07");
            assertThat(errors(lines)).as(url.getKey()).hasSize(1);
            assertThat(String.join("\n", lines)).as(url.getKey()).doesNotContain(url.getValue());
        }
    }
}
