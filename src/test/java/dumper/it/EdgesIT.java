package dumper.it;

import static dumper.it.ItSupport.readCsv;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * The edges where a run used to lose data with exit 0 or die with a stack trace: windows at the
 * ends of the DATETIME range, plans of hundreds of thousands of batches in the launcher's heap,
 * JSON Lines with two columns of one name, and SQL errors that a re-run would only repeat.
 */
@Tag("faults")
class EdgesIT {

    private static final Map<String, String> TYPES = new HashMap<>();

    @BeforeAll
    static void edgeRows() throws Exception {
        TestDatabase.ensureStarted();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS edge_event (id INT PRIMARY KEY, ts DATETIME(6) NOT NULL)");
            s.execute("DELETE FROM edge_event");
            s.execute("INSERT INTO edge_event VALUES (1, '0000-01-01 00:00:00'), (2, '0000-12-31 23:59:59.999999'), "
                    + "(3, '0001-01-01 00:00:00'), (4, '9999-12-31 23:59:59.999998'), (5, '9999-12-31 23:59:59.999999')");
        }
        TYPES.putAll(TestDatabase.type("edgezm", "SELECT id, ts FROM edge_event WHERE ts >= :start AND ts < :end ORDER BY ts",
                "required"));
        TYPES.put("dumper.dumps.edgezm.batch", "P5000Y");
        TYPES.putAll(TestDatabase.type("dupjson", "SELECT e.id, f.id, f.name FROM vaccination_event e JOIN facility f "
                + "ON f.id = e.facility_id WHERE e.event_time >= :start AND e.event_time < :end", "required"));
        TYPES.put("dumper.dumps.dupjson.format", "jsonl");
    }

    private static Result run(Path out, List<String> jvmOptions, String... args) throws Exception {
        Path log = Files.createTempFile(TestDatabase.outputDir, "edge", ".log");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--output-dir",
                out.toString())).toArray(String[]::new);
        int exit = PackagedApp.run(log, jvmOptions, TYPES, all);
        return new Result(exit, Files.readAllLines(log));
    }

    private record Result(int exit, List<String> lines) {
        List<String> errors() {
            return lines.stream().filter(l -> l.startsWith("dumper: ")).toList();
        }

        /** One line saying what is wrong, no stack trace, and the exit code. */
        void assertRefused(int code, String... phrases) {
            assertThat(errors()).as(String.join("\n", lines)).hasSize(1);
            assertThat(errors().get(0)).contains(phrases);
            assertThat(lines).noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
            assertThat(exit).as(String.join("\n", lines)).isEqualTo(code);
        }
    }

    @Test
    void year_zero_is_queried_as_year_zero_and_named_so() throws Exception {
        Path out = ItSupport.newOutputDir("year-zero");
        Result result = run(out, List.of(), "--dump", "edgezm", "0000-01-01", "0000-12-31");
        assertThat(result.exit()).as(String.join("\n", result.lines())).isZero();
        Path file = out.resolve("edgezm_0000-01-01_0000-12-31.csv.gz");
        assertThat(readCsv(file)).extracting(row -> row.get(0)).containsExactly("id", "1", "2");
    }

    @Test
    void the_widest_window_the_server_compares_exactly_reads_every_row_but_the_last_instant() throws Exception {
        Path out = ItSupport.newOutputDir("widest");
        Result result = run(out, List.of(), "--dump", "edgezm", "--start", "0000-01-01", "--end", "9999-12-31 23:59:59.999999");
        assertThat(result.exit()).as(String.join("\n", result.lines())).isZero();
        assertThat(readCsv(ItSupport.onlyFile(out))).extracting(row -> row.get(0)).containsExactly("id", "1", "2", "3", "4");
    }

    @Test
    void a_window_past_the_servers_range_is_refused_not_run_empty() throws Exception {
        Path out = ItSupport.newOutputDir("past-range");
        // An inclusive end of 9999-12-31 is the exclusive bound +10000-01-01, which the server truncates with a warning.
        run(out, List.of(), "--dump", "edgezm", "9999-01-01", "9999-12-31")
                .assertRefused(2, "9999-12-31 23:59:59.999999");
        run(out, List.of(), "--dump", "edgezm", "--start", "2024-01-01", "--end", "2024-01-02 00:00:00.0000001")
                .assertRefused(2, "microseconds");
        run(out, List.of(), "--dump", "edgezm", "0000-00-00", "2024-01-01").assertRefused(2, "'0000-00-00' is not a valid start");
        assertThat(ItSupport.visibleFiles(out)).isEmpty();
    }

    @Test
    void a_plan_of_hundreds_of_thousands_of_batches_is_refused_in_the_launchers_heap() throws Exception {
        Path out = ItSupport.newOutputDir("huge-plan");
        List<String> launcherHeap = List.of("-XX:+UseSerialGC", "-Xmx40m");
        long began = System.nanoTime();
        // About 305,000 one-minute batches; and 15.8 million.
        run(out, launcherHeap, "--dump", "zm", "2024-01-01", "2024-07-31", "--batch", "PT1M")
                .assertRefused(2, "more than 100000 batches", "choose a larger batch");
        run(out, launcherHeap, "--dump", "zm", "2000-01-01", "2029-12-31", "--batch", "PT1M")
                .assertRefused(2, "more than 100000 batches");
        System.out.printf("EdgesIT: two oversized plans refused in %d ms%n", (System.nanoTime() - began) / 1_000_000);
        // Just under the limit, with one file per batch, the plan fits the same heap.
        Result largest = run(out, launcherHeap, "--dump", "zmweekly", "--start", "2024-01-01", "--end", "2024-11-30",
                "--batch", "PT5M", "--dry-run");
        assertThat(largest.exit()).as(String.join("\n", largest.lines().subList(0, Math.min(20, largest.lines().size()))))
                .isZero();
        assertThat(ItSupport.visibleFiles(out)).isEmpty();
    }

    @Test
    void the_api_answers_a_huge_plan_with_400_in_json_in_the_images_heap() throws Exception {
        Path out = ItSupport.newOutputDir("huge-plan-api");
        int port = PackagedApp.freePort();
        Process serve = PackagedApp.start(TestDatabase.outputDir.resolve(out.getFileName() + ".log"),
                List.of("-XX:+UseSerialGC", "-Xmx128m"), Map.of("quarkus.http.port", String.valueOf(port), "dumper.output-dir",
                        out.toString()), Map.of(), "serve");
        try {
            PackagedApp.awaitHttp(port, serve);
            given().port(port).contentType(ContentType.JSON)
                    .body("{\"type\":\"zm\",\"start\":\"2000-01-01\",\"end\":\"2029-12-31\",\"batch\":\"PT1M\"}")
                    .post("/api/runs").then().statusCode(400).contentType(ContentType.JSON)
                    .body("error", containsString("more than 100000 batches"));
        } finally {
            PackagedApp.kill9(serve);
        }
    }

    @Test
    void json_lines_with_two_columns_of_one_name_is_refused_naming_the_column() throws Exception {
        Path out = ItSupport.newOutputDir("dup-json");
        run(out, List.of(), "--dump", "dupjson", "2024-01-01", "2024-01-07").assertRefused(3, "more than one column named id", "AS");
        assertThat(ItSupport.visibleFiles(out)).isEmpty();
    }

    @Test
    void an_sql_error_that_would_repeat_does_not_promise_a_resume() throws Exception {
        Path out = ItSupport.newOutputDir("repeating");
        Result result = run(out, List.of(), "--dump", "poisonzm", "2024-01-01", "2024-02-29");
        result.assertRefused(4, "Subquery returns more than 1 row", "fix the SQL or the data");
        assertThat(result.errors().get(0)).doesNotContain("run the same command again");
    }
}
