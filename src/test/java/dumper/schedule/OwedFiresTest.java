package dumper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dumper.config.DumpType;
import dumper.config.TestConfig;

class OwedFiresTest {

    private static DumpType vaud() {
        return TestConfig.types(Map.of("dumper.dumps.vaud.query-file", "queries/vaud.sql", "dumper.dumps.vaud.window", "today",
                "dumper.dumps.vaud.schedule", "0 30 10,13 * * ?;0 0 17 * * ?")).get("vaud");
    }

    @Test
    void the_fires_missed_while_down_are_listed_in_order_across_all_expressions() {
        ZoneId lusaka = ZoneId.of("Africa/Lusaka");
        ZonedDateTime lastFire = ZonedDateTime.of(2024, 3, 1, 10, 30, 0, 0, lusaka);
        ZonedDateTime now = ZonedDateTime.of(2024, 3, 2, 14, 0, 0, 0, lusaka);
        assertThat(new OwedFires(vaud().schedules()).first(lastFire, now, 10)).extracting(t -> t.toLocalDateTime().toString())
                .containsExactly("2024-03-01T13:30", "2024-03-01T17:00", "2024-03-02T10:30", "2024-03-02T13:30");
    }

    @Test
    void nothing_is_missed_when_the_last_fire_was_the_latest() {
        ZoneId utc = ZoneId.of("UTC");
        ZonedDateTime lastFire = ZonedDateTime.of(2024, 3, 1, 17, 0, 0, 0, utc);
        assertThat(new OwedFires(vaud().schedules()).first(lastFire, lastFire.plusHours(3), 10)).isEmpty();
    }

    @Test
    void after_a_day_down_an_every_second_schedule_owes_every_second_and_its_latest_fire_is_now() {
        OwedFires everySecond = new OwedFires(List.of("* * * * * ?"));
        ZonedDateTime now = ZonedDateTime.of(2024, 3, 2, 14, 0, 0, 500_000_000, ZoneId.of("UTC"));
        ZonedDateTime dayAgo = now.minusDays(1).withNano(0);
        long began = System.nanoTime();
        assertThat(everySecond.count(now.minusHours(1).withNano(0), now, OwedFires.COUNT_LIMIT)).isEqualTo(3_600);
        System.out.printf("counted 3,600 fires in %d ms%n", (System.nanoTime() - began) / 1_000_000);
        assertThat(everySecond.latest(dayAgo, now)).contains(now.withNano(0));
        assertThat(everySecond.first(dayAgo, now, OwedFires.EACH_LIMIT + 1)).hasSize(OwedFires.EACH_LIMIT + 1)
                .startsWith(dayAgo.plusSeconds(1));
        assertThat(OwedFires.describe(everySecond.count(dayAgo, now, 1000), 1000)).isEqualTo("more than 1,000");
    }

    @Test
    void the_latest_fire_is_found_across_expressions_and_none_when_nothing_is_owed() {
        OwedFires twoCrons = new OwedFires(vaud().schedules());
        ZoneId utc = ZoneId.of("UTC");
        ZonedDateTime yearsAgo = ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, utc);
        assertThat(twoCrons.latest(yearsAgo, ZonedDateTime.of(2024, 3, 2, 16, 59, 59, 0, utc)))
                .contains(ZonedDateTime.of(2024, 3, 2, 13, 30, 0, 0, utc));
        assertThat(twoCrons.latest(yearsAgo, ZonedDateTime.of(2024, 3, 2, 17, 0, 0, 0, utc)))
                .contains(ZonedDateTime.of(2024, 3, 2, 17, 0, 0, 0, utc));
        ZonedDateTime last = ZonedDateTime.of(2024, 3, 2, 17, 0, 0, 0, utc);
        assertThat(twoCrons.latest(last, last.plusHours(3))).isEmpty();
    }
}
