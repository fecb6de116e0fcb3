package dumper.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateCapTest {

    @Test
    void without_a_cap_nothing_waits() {
        assertThat(new RateCap(0).reserve(1_000_000)).isZero();
    }

    @Test
    void chunks_together_wait_as_long_as_they_are_worth_at_the_cap() {
        RateCap cap = new RateCap(1000);
        // Two seconds' worth at once; up to one second of time unused before counts as spent.
        long first = cap.reserve(2000);
        long second = cap.reserve(1000);
        assertThat(first).isBetween(900_000_000L, 1_000_000_000L);
        assertThat(second - first).isBetween(900_000_000L, 1_100_000_000L);
    }

    @Test
    void a_cap_lifted_at_run_time_stops_the_waits() {
        RateCap cap = new RateCap(10);
        cap.set(0);
        assertThat(cap.reserve(1000)).isZero();
    }
}
