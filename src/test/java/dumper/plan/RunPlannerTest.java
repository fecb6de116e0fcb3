package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dumper.config.BatchSize;
import dumper.config.DumperConfig;
import dumper.config.TestConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * The planner in process: each request a user can get wrong is refused with the line that says
 * what to do, and the exit code of its kind. (BadInputIT checks, against the packaged app, that
 * such a refusal reaches stderr as that one line with that exit code and leaves no file.)
 */
class RunPlannerTest {

    @TempDir
    static Path dir;
    private static RunPlanner planner;

    @BeforeAll
    static void types() throws IOException {
        Files.writeString(dir.resolve("events.sql"), "SELECT id FROM events WHERE ts >= :start AND ts < :end");
        Files.writeString(dir.resolve("facilities.sql"), "SELECT id FROM facility");
        Files.writeString(dir.resolve("noparams.sql"), "SELECT id FROM events");
        Files.createDirectory(dir.resolve("adir.sql"));
        Map<String, String> settings = new HashMap<>();
        type(settings, "events", "events.sql", "required");
        type(settings, "facilities", "facilities.sql", "prohibited");
        type(settings, "noparams", "noparams.sql", "required");
        type(settings, "nofile", "missing.sql", "prohibited");
        type(settings, "dirsql", "adir.sql", "prohibited");
        type(settings, "recent", "events.sql", "optional");
        settings.put("dumper.dumps.recent.window", "since-last-run");
        settings.put("dumper.output-dir", dir.toString());
        DumperConfig config = TestConfig.of(settings);
        planner = new RunPlanner(TestConfig.types(settings), config, (type, outputDir) -> Optional.empty(),
                compression -> { });
    }

    private static void type(Map<String, String> settings, String name, String file, String dateRange) {
        settings.put("dumper.dumps." + name + ".query-file", dir.resolve(file).toString());
        settings.put("dumper.dumps." + name + ".date-range", dateRange);
    }

    @Test
    void a_good_request_becomes_a_plan_of_daily_batches_into_one_file() {
        RunPlan plan = planner.plan(RunRequest.forType("events").start("2024-01-01").end("2024-01-07").build());

        assertThat(plan.batches()).hasSize(7);
        assertThat(plan.fileName()).isEqualTo("events_2024-01-01_2024-01-07.csv.gz");
        assertThat(plan.outputDir()).isEqualTo(dir);
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "-", value = {
        // type     | start       | end          | batch       | exit  | in the line
        "zz         | 2024-01-01  | 2024-01-07   | -           | USAGE | unknown dump type 'zz'; known types: dirsql, events, facilities, nofile, noparams, recent",
        "../etc/passwd | 2024-01-01 | 2024-01-07 | -           | USAGE | unknown dump type '../etc/passwd'",
        "events     | -           | -            | -           | USAGE | type events needs a date range, e.g. --dump events 2024-01-01 2024-01-07",
        "events     | 2024-01-01  | -            | -           | USAGE | give both a start and an end, e.g. --dump events 2024-01-01 2024-01-07",
        "facilities | 2024-01-01  | 2024-01-07   | -           | USAGE | type facilities takes no date range (date-range=prohibited); run it without dates",
        "events     | 2024-13-01  | 2024-01-07   | -           | USAGE | '2024-13-01' is not a valid start; use YYYY-MM-DD",
        "events     | 2024-02-30  | 2024-03-07   | -           | USAGE | '2024-02-30' is not a valid start",
        "events     | 2024-01-01  | yesterday    | -           | USAGE | 'yesterday' is not a valid end",
        "events     | 2024-01-07  | 2024-01-01   | -           | USAGE | the start 2024-01-07 is not before the end 2024-01-01; swap them or widen the range",
        "events     | 2024-01-01  | 2024-01-07   | P999999999Y | USAGE | batch P999999999Y does not fit the calendar from 2024-01-01T00:00; use a smaller batch",
        "recent     | -           | -            | -           | USAGE | no earlier run of type recent is recorded, so since-last-run has no start",
        "nofile     | -           | -            | -           | CONFIG | of type nofile does not exist; create it or set dumper.dumps.nofile.query-file (or QUERY_FILE_NOFILE)",
        "dirsql     | -           | -            | -           | CONFIG | adir.sql cannot be read",
        "noparams   | 2024-01-01  | 2024-01-07   | -           | CONFIG | must use both :start and :end (date-range=required), e.g. WHERE ts >= :start AND ts < :end",
    })
    void a_request_it_cannot_plan_is_refused_in_a_line_that_says_what_to_do(String type, String start, String end,
            String batch, ExitCode exit, String message) {
        RunRequest request = RunRequest.forType(type).start(start).end(end)
                .batch(batch == null ? null : BatchSize.parse(batch)).build();

        assertThatThrownBy(() -> planner.plan(request))
                .isInstanceOfSatisfying(DumperException.class, e -> assertThat(e.exitCode).isEqualTo(exit))
                .hasMessageContaining(message);
    }
}
