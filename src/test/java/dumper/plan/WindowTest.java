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
        assertThat(w.startLabel()).isEqualTo("2024-01-01T0800");
        assertThat(w.endLabel()).isEqualTo("2024-01-07T180005");
    }

    @Test
    void an_empty_or_reversed_window_is_refused() {
        LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0);
        assertThatThrownBy(() -> new Window(t, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Window(t, t.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
