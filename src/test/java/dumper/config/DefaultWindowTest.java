package dumper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import dumper.config.DumpType.DefaultWindow.Back;

class DefaultWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void an_hourly_window_after_clocks_go_forward_covers_the_hour_before_the_gap() {
        // 2024-03-31: 02:00 CET becomes 03:00 CEST. The 01:00 fire covered [00:00, 01:00).
        ZonedDateTime fire = ZonedDateTime.of(2024, 3, 31, 3, 0, 0, 0, BERLIN);
        assertThat(new Back(BatchSize.parse("PT1H")).startBefore(fire)).isEqualTo(LocalDateTime.of(2024, 3, 31, 1, 0));
    }

    @Test
    void an_hourly_window_after_clocks_go_back_covers_one_wall_clock_hour() {
        // 2024-10-27: 03:00 CEST becomes 02:00 CET; the fire after the repeated hour is 03:00 CET.
        ZonedDateTime fire = ZonedDateTime.of(2024, 10, 27, 3, 0, 0, 0, BERLIN);
        assertThat(new Back(BatchSize.parse("PT1H")).startBefore(fire)).isEqualTo(LocalDateTime.of(2024, 10, 27, 2, 0));
    }

    @Test
    void a_window_in_days_goes_back_on_the_calendar_across_a_clock_change() {
        ZonedDateTime fire = ZonedDateTime.of(2024, 3, 31, 17, 0, 0, 0, BERLIN);
        assertThat(new Back(BatchSize.parse("P1D")).startBefore(fire)).isEqualTo(LocalDateTime.of(2024, 3, 30, 17, 0));
        assertThat(new Back(BatchSize.parse("7d")).startBefore(fire)).isEqualTo(LocalDateTime.of(2024, 3, 24, 17, 0));
    }
}
