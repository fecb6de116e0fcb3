package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dumper.core.DumperException;
import dumper.core.ExitCode;

class DateArgsTest {

    @Test
    void a_date_end_includes_the_whole_day() {
        assertThat(DateArgs.start("2024-01-01")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(DateArgs.end("2024-01-07")).isEqualTo(LocalDateTime.of(2024, 1, 8, 0, 0));
        assertThat(DateArgs.end("2024-02-28")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(DateArgs.end("2024-12-31")).isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 0));
    }

    @Test
    void a_date_time_end_is_taken_as_given() {
        assertThat(DateArgs.end("2024-01-07 18:00")).isEqualTo(LocalDateTime.of(2024, 1, 7, 18, 0));
        assertThat(DateArgs.end("2024-01-07T18:00:30")).isEqualTo(LocalDateTime.of(2024, 1, 7, 18, 0, 30));
        assertThat(DateArgs.start("2024-01-07 18:00:30.25")).isEqualTo(LocalDateTime.of(2024, 1, 7, 18, 0, 30, 250_000_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-13-01", "2024-02-30", "2023-02-29", "24-01-01", "2024/01/01", "yesterday", "2024-01-01 25:00", ""})
    void malformed_dates_are_usage_errors(String text) {
        assertThatThrownBy(() -> DateArgs.start(text))
                .isInstanceOfSatisfying(DumperException.class, e -> assertThat(e.exitCode).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("is not a valid start");
    }
}
