package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class WindowTest {

    @Test
    void whole_days_are_labelled_with_the_last_day_as_the_old_tool_did() {
        Window w = new Window(LocalDateTime.of(2024, 1, 1, 0, 0), LocalDateTime.of(2024, 1, 8, 0, 0));
        assertThat(w.startLabel()).isEqualTo("2024-01-01");
        assertThat(w.endLabel()).isEqualTo("2024-01-07");
    }

    @Test
    void times_are_labelled_without_colons() {
        Window w = new Window(LocalDateTime.of(2024, 1, 1, 8, 0), LocalDateTime.of(2024, 1, 7, 18, 0, 5));
        assertThat(w.startLabel()).isEqualTo("2024-01-01T080000");
        assertThat(w.endLabel()).isEqualTo("2024-01-07T180005");
    }

    @Test
    void times_have_one_precision_so_names_sort_as_their_times_do() {
        Window onTheMinute = new Window(LocalDateTime.of(2026, 12, 5, 16, 21, 0), LocalDateTime.of(2026, 12, 5, 17, 21, 0));
        Window later = new Window(LocalDateTime.of(2026, 12, 5, 16, 21, 20), LocalDateTime.of(2026, 12, 5, 17, 21, 20));
        assertThat(onTheMinute.startLabel()).isEqualTo("2026-12-05T162100").isLessThan(later.startLabel());
        assertThat(onTheMinute.endLabel()).isEqualTo("2026-12-05T172100").isLessThan(later.endLabel());
    }

    @Test
    void an_empty_or_reversed_window_is_refused() {
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        assertThatThrownBy(() -> new Window(t, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Window(t, t.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void year_zero_is_written_as_year_zero_for_the_server_and_in_file_names() {
        Window w = new Window(LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(1, 1, 1, 0, 0));
        assertThat(Window.sqlText(w.start())).isEqualTo("0000-01-01 00:00:00.000000");
        assertThat(w.startLabel()).isEqualTo("0000-01-01");
        assertThat(w.endLabel()).isEqualTo("0000-12-31");
        assertThat(w.unrepresentable()).isEmpty();
    }

    @Test
    void the_extremes_the_server_compares_exactly_are_accepted() {
        LocalDateTime first = LocalDateTime.of(0, 1, 1, 0, 0);
        LocalDateTime last = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);
        assertThat(new Window(first, last).unrepresentable()).isEmpty();
        assertThat(Window.sqlText(first)).isEqualTo("0000-01-01 00:00:00.000000");
        assertThat(Window.sqlText(last)).isEqualTo("9999-12-31 23:59:59.999999");
    }

    @Test
    void windows_the_server_cannot_represent_are_refused() {
        LocalDateTime lastDay = LocalDateTime.of(9999, 12, 31, 0, 0);
        // An inclusive end of 9999-12-31 is the exclusive bound +10000-01-01, which the server truncates.
        assertThat(new Window(lastDay, lastDay.plusDays(1)).unrepresentable()).get().asString()
                .contains("9999-12-31 23:59:59.999999");
        assertThat(new Window(LocalDateTime.of(-1, 12, 31, 0, 0), LocalDateTime.of(0, 1, 2, 0, 0)).unrepresentable()).isPresent();
        assertThat(new Window(lastDay, lastDay.plusNanos(1)).unrepresentable()).get().asString().contains("microseconds");
    }
}
