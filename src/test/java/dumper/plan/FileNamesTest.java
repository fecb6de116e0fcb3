package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dumper.config.ConfigProblem;
import dumper.config.DumpType;
import dumper.config.TestConfig;

/** A type's file-name template, rendered for a window or for a run without one. */
class FileNamesTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
    private static final Window FIRST_WEEK = new Window(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 8, 0, 0));

    private static DumpType type(String... settings) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            values.put("dumper.dumps.events." + settings[i], settings[i + 1]);
        }
        values.putIfAbsent("dumper.dumps.events.date-range", "optional");
        return TestConfig.types(values).get("events");
    }

    @ParameterizedTest
    @CsvSource({
        "csv,   gzip, events_2024-01-01_2024-01-07.csv.gz",
        "tsv,   zstd, events_2024-01-01_2024-01-07.tsv.zst",
        "jsonl, none, events_2024-01-01_2024-01-07.jsonl",
    })
    void the_default_name_has_the_type_the_days_of_the_window_and_the_extension_of_format_and_compression(
            String format, String compression, String expected) {
        assertThat(FileNames.render(type("format", format, "compression", compression), FIRST_WEEK, NOW)).isEqualTo(expected);
    }

    @Test
    void a_window_that_is_not_whole_days_is_named_to_the_minute() {
        Window hours = new Window(LocalDateTime.of(2024, 1, 1, 8, 0), LocalDateTime.of(2024, 1, 1, 12, 30));

        assertThat(FileNames.render(type(), hours, NOW)).isEqualTo("events_2024-01-01T080000_2024-01-01T123000.csv.gz");
    }

    @Test
    void a_run_without_a_window_is_named_by_the_time_it_ran() {
        assertThat(FileNames.render(type("date-range", "prohibited"), null, NOW)).isEqualTo("events_2024-05-06T070809.csv.gz");
    }

    @Test
    void a_template_with_start_and_end_needs_a_window() {
        assertThatThrownBy(() -> FileNames.render(type("date-range", "prohibited", "file-name", "{type}_{start}.{ext}"), null, NOW))
                .isInstanceOf(ConfigProblem.class)
                .hasMessage("dumper.dumps.events.file-name={type}_{start}.{ext} uses {start}/{end} but this run has no window; "
                        + "use {now} instead");
    }

    @Test
    void a_template_that_makes_an_unsafe_name_is_refused() {
        assertThatThrownBy(() -> FileNames.render(type("file-name", "../{type}.{ext}"), FIRST_WEEK, NOW))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("gives '../events.csv.gz', which is not a safe file name");
    }
}
