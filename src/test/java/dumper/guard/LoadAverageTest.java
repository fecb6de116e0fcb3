package dumper.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadAverageTest {

    @Test
    void the_baseline_comes_only_from_intervals_in_which_no_batch_read() {
        LoadAverage load = new LoadAverage(1.2);
        load.add(2, false);
        load.add(4, false);
        assertThat(load.close()).isEqualTo(3.0);
        assertThat(load.baseline()).isEqualTo(3.0);
        load.add(9, true);
        assertThat(load.close()).isEqualTo(9.0);
        assertThat(load.baseline()).as("an interval in which a batch read").isEqualTo(3.0);
    }

    @Test
    void a_later_quiet_interval_moves_the_baseline_part_of_the_way() {
        LoadAverage load = new LoadAverage(1.2);
        load.add(2, false);
        load.close();
        load.add(12, false);
        load.close();
        assertThat(load.baseline()).isStrictlyBetween(2.0, 12.0);
    }

    @Test
    void the_load_is_over_target_above_the_baseline_times_the_target() {
        LoadAverage load = new LoadAverage(1.2);
        load.add(5, false);
        load.close();
        assertThat(load.overTarget(5.9)).isFalse();
        assertThat(load.overTarget(6.1)).isTrue();
    }

    @Test
    void an_idle_source_counts_as_half_a_thread_so_a_blip_does_not_slow_a_run() {
        LoadAverage load = new LoadAverage(1.2);
        load.add(0, false);
        load.close();
        assertThat(load.overTarget(0.5)).isFalse();
        assertThat(load.overTarget(0.7)).isTrue();
    }

    @Test
    void nothing_is_over_target_before_a_quiet_interval_or_with_the_rule_off() {
        LoadAverage unmeasured = new LoadAverage(1.2);
        unmeasured.add(50, true);
        unmeasured.close();
        assertThat(unmeasured.overTarget(50)).isFalse();
        LoadAverage off = new LoadAverage(0);
        off.add(1, false);
        off.close();
        assertThat(off.overTarget(50)).isFalse();
    }

    @Test
    void an_interval_without_a_reading_has_no_average_and_leaves_the_baseline() {
        LoadAverage load = new LoadAverage(1.2);
        load.add(1, false);
        load.close();
        assertThat(load.close()).isNaN();
        assertThat(load.baseline()).isEqualTo(1.0);
    }
}
