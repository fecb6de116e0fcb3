package dumper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BatchSizeTest {

    @ParameterizedTest
    @CsvSource({
            "7d, P7D, PT0S",
            "P7D, P7D, PT0S",
            "2w, P14D, PT0S",
            "P1M, P1M, PT0S",
            "4h, P0D, PT4H",
            "PT4H, P0D, PT4H",
            "30m, P0D, PT30M",
            "P1DT12H, P0D, PT36H"})
    void accepts_short_and_iso_forms(String text, String period, String duration) {
        BatchSize size = BatchSize.parse(text);
        assertThat(size.period()).isEqualTo(Period.parse(period));
        assertThat(size.duration()).isEqualTo(Duration.parse(duration));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0d", "PT0S", "P0D", "-1d", "P-1D", "PT-4H", "week", "7 parsecs", "", "PT0.5S",
            "400000000w", "99999999999999999999d", "9223372036854775807m"})
    void refuses_zero_negative_and_garbage(String text) {
        assertThatThrownBy(() -> BatchSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
