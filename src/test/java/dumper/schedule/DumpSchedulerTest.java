package dumper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dumper.config.BatchSize;
import dumper.config.BinaryEncoding;
import dumper.config.Compression;
import dumper.config.DateRange;
import dumper.config.DumpType;
import dumper.config.OutputFormat;

class DumpSchedulerTest {

    private static DumpType vaud() {
        return new DumpType("vaud", Path.of("queries/vaud.sql"), DateRange.OPTIONAL, BatchSize.parse("P1D"), 10000, 2,
                new DumpType.DefaultWindow.Today(), "<default>", OutputFormat.CSV, Compression.GZIP, 6,
                "{type}_{start}_{end}.{ext}", false, BinaryEncoding.HEX, Optional.empty(),
                List.of("0 30 10,13 * * ?", "0 0 17 * * ?"), false, Optional.empty());
    }

    @Test
    void the_fires_missed_while_down_are_listed_in_order_across_all_expressions() {
        ZoneId lusaka = ZoneId.of("Africa/Lusaka");
        ZonedDateTime lastFire = ZonedDateTime.of(2024, 3, 1, 10, 30, 0, 0, lusaka);
        ZonedDateTime now = ZonedDateTime.of(2024, 3, 2, 14, 0, 0, 0, lusaka);
        assertThat(DumpScheduler.missedFires(vaud(), lastFire, now)).extracting(t -> t.toLocalDateTime().toString())
                .containsExactly("2024-03-01T13:30", "2024-03-01T17:00", "2024-03-02T10:30", "2024-03-02T13:30");
    }

    @Test
    void nothing_is_missed_when_the_last_fire_was_the_latest() {
        ZoneId utc = ZoneId.of("UTC");
        ZonedDateTime lastFire = ZonedDateTime.of(2024, 3, 1, 17, 0, 0, 0, utc);
        assertThat(DumpScheduler.missedFires(vaud(), lastFire, lastFire.plusHours(3))).isEmpty();
    }
}
