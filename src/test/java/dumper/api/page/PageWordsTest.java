package dumper.api.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import dumper.run.RunRecord;
import dumper.run.RunSummary;

/** The page's own words: which field a planner's line is about, schedules, the chart, CSRF tokens. */
class PageWordsTest {

    @Test
    void a_planners_line_goes_next_to_the_field_it_names_first() {
        assertThat(PageResource.fieldOf("not a valid start: '2024-13-01'; use YYYY-MM-DD")).isEqualTo("start");
        assertThat(PageResource.fieldOf("type zm needs a date range, e.g. --dump zm 2024-01-01 2024-01-07")).isEqualTo("start");
        assertThat(PageResource.fieldOf("type snapshot has no default window; give dates")).isEqualTo("start");
        assertThat(PageResource.fieldOf("the start 2024-01-07 is not before the end 2024-01-01")).isEqualTo("start");
        assertThat(PageResource.fieldOf("'2024-02-30' is not a valid end date")).isEqualTo("end");
        assertThat(PageResource.fieldOf("bad batch: '0d' is not a positive size")).isEqualTo("batch");
        assertThat(PageResource.fieldOf("unknown dump type 'nope'; dumper list shows them")).isEqualTo("type");
        assertThat(PageResource.fieldOf("dumper is shutting down")).isEmpty();
    }

    @Test
    void a_schedule_reads_in_words() {
        assertThat(CronWords.describe("0 0 3 * * ?")).contains("03:00");
        assertThat(CronWords.describe("not a cron")).isEqualTo("not a cron");
    }

    @Test
    void the_chart_has_a_bar_per_run_coloured_by_outcome_and_escapes_what_it_shows() {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-01T10:00:00Z");
        RunSummary ok = run("a", RunRecord.Status.SUCCEEDED, t, 10, null);
        RunSummary failed = run("b", RunRecord.Status.FAILED, t.plusHours(1), 0, "cannot <connect>");
        String svg = RunChart.svg("zm", List.of(ok, failed));
        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("class=\"succeeded\"", "class=\"failed\"",
                "cannot &lt;connect&gt;").doesNotContain("<connect>");
        assertThat(RunChart.svg("zm", List.of())).isEmpty();
    }

    @Test
    void a_csrf_token_is_worth_only_with_its_own_session() {
        PageSessions sessions = new PageSessions();
        String one = sessions.open(false);
        String other = sessions.open(false);
        assertThat(sessions.csrfMatches(one, sessions.csrf(one))).isTrue();
        assertThat(sessions.csrfMatches(other, sessions.csrf(one))).isFalse();
        assertThat(sessions.csrfMatches(one, null)).isFalse();
        assertThat(sessions.csrfMatches("unknown", sessions.csrf("unknown"))).as("a session this process never opened").isFalse();
        assertThat(sessions.loggedIn(one)).isFalse();
        assertThat(sessions.loggedIn(sessions.open(true))).isTrue();
    }

    private static RunSummary run(String id, RunRecord.Status status, OffsetDateTime at, long rows, String error) {
        return new RunSummary(id, "zm", "api", status, LocalDateTime.parse("2024-01-01T00:00"),
                LocalDateTime.parse("2024-01-02T00:00"), 1, 1, rows, rows * 10, at, at, at.plusSeconds(5), List.of(), List.of(),
                error, error == null ? null : 4, null, List.of());
    }
}
