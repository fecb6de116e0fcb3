package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import dumper.config.BatchSize;

class BatchPlannerTest {

    private static LocalDateTime t(String text) {
        return LocalDateTime.parse(text.replace(' ', 'T'));
    }

    private static List<String> bounds(List<Batch> batches) {
        return batches.stream().map(b -> b.window().start() + " " + b.window().end()).toList();
    }

    @Test
    void weekly_batches_are_half_open_and_the_last_is_cut_at_the_end() {
        List<Batch> batches = BatchPlanner.plan(new Window(t("2024-01-01 00:00"), t("2024-01-20 00:00")), BatchSize.parse("P7D"));
        assertThat(bounds(batches)).containsExactly(
                "2024-01-01T00:00 2024-01-08T00:00",
                "2024-01-08T00:00 2024-01-15T00:00",
                "2024-01-15T00:00 2024-01-20T00:00");
        assertThat(batches).extracting(Batch::number).containsExactly(1, 2, 3);
    }

    @Test
    void month_batches_follow_the_calendar_and_come_back_to_the_31st() {
        List<Batch> batches = BatchPlanner.plan(new Window(t("2024-01-31 00:00"), t("2024-05-31 00:00")), BatchSize.parse("P1M"));
        assertThat(bounds(batches)).containsExactly(
                "2024-01-31T00:00 2024-02-29T00:00",
                "2024-02-29T00:00 2024-03-31T00:00",
                "2024-03-31T00:00 2024-04-30T00:00",
                "2024-04-30T00:00 2024-05-31T00:00");
    }

    @Test
    void a_leap_day_is_a_batch_of_its_own() {
        List<Batch> batches = BatchPlanner.plan(new Window(t("2024-02-28 00:00"), t("2024-03-02 00:00")), BatchSize.parse("1d"));
        assertThat(bounds(batches)).containsExactly(
                "2024-02-28T00:00 2024-02-29T00:00",
                "2024-02-29T00:00 2024-03-01T00:00",
                "2024-03-01T00:00 2024-03-02T00:00");
    }

    @Test
    void hour_batches_across_a_daylight_saving_change_follow_the_wall_clock() {
        // Europe's spring change of 2024-03-31 skips 02:00-03:00 and the autumn one repeats it on
        // 2024-10-27. DATETIME columns hold wall-clock times, so batches are wall-clock hours:
        // the repeated hour is one batch (both passes of it), the skipped one an empty batch.
        List<Batch> spring = BatchPlanner.plan(new Window(t("2024-03-31 00:00"), t("2024-03-31 05:00")), BatchSize.ofHours(1));
        assertThat(spring).hasSize(5);
        List<Batch> autumn = BatchPlanner.plan(new Window(t("2024-10-27 00:00"), t("2024-10-27 05:00")), BatchSize.ofHours(2));
        assertThat(bounds(autumn)).containsExactly(
                "2024-10-27T00:00 2024-10-27T02:00",
                "2024-10-27T02:00 2024-10-27T04:00",
                "2024-10-27T04:00 2024-10-27T05:00");
    }

    @Test
    void any_instant_of_any_window_lands_in_exactly_one_batch() {
        Random random = new Random(42);
        String[] sizes = {"P1D", "PT4H", "P7D", "P1M", "PT13H", "PT90M", "P3D"};
        LocalDateTime origin = t("2023-12-25 00:00");
        for (int round = 0; round < 300; round++) {
            LocalDateTime start = origin.plusMinutes(random.nextInt(60 * 24 * 400));
            LocalDateTime end = start.plusMinutes(1 + random.nextInt(60 * 24 * 120));
            Window window = new Window(start, end);
            List<Batch> batches = BatchPlanner.plan(window, BatchSize.parse(sizes[round % sizes.length]));

            assertThat(batches.get(0).window().start()).isEqualTo(start);
            assertThat(batches.get(batches.size() - 1).window().end()).isEqualTo(end);
            for (int i = 1; i < batches.size(); i++) {
                assertThat(batches.get(i).window().start()).isEqualTo(batches.get(i - 1).window().end());
            }
            long span = ChronoUnit.SECONDS.between(start, end);
            for (int probe = 0; probe < 20; probe++) {
                LocalDateTime instant = start.plusSeconds((long) (random.nextDouble() * span));
                assertThat(batches.stream().filter(b -> contains(b.window(), instant)).count()).isEqualTo(1);
            }
            for (Batch batch : batches) {
                LocalDateTime boundary = batch.window().start();
                assertThat(batches.stream().filter(b -> contains(b.window(), boundary)).toList()).containsExactly(batch);
            }
        }
    }

    private static boolean contains(Window w, LocalDateTime instant) {
        return !instant.isBefore(w.start()) && instant.isBefore(w.end());
    }

    @Test
    void a_window_of_less_than_one_batch_is_one_batch() {
        assertThat(bounds(BatchPlanner.plan(new Window(t("2024-01-01 08:00"), t("2024-01-01 09:30")), BatchSize.parse("P7D"))))
                .containsExactly("2024-01-01T08:00 2024-01-01T09:30");
    }

    @Test
    void a_run_without_a_window_is_one_batch_without_bounds() {
        assertThat(BatchPlanner.plan(null, BatchSize.parse("P1D"))).containsExactly(new Batch(1, null));
    }

    @Test
    void an_absurd_number_of_batches_is_refused() {
        assertThatThrownBy(() -> BatchPlanner.plan(new Window(t("2000-01-01 00:00"), t("2030-01-01 00:00")), BatchSize.parse("PT1M")))
                .hasMessageContaining("more than 100000 batches");
    }
}
