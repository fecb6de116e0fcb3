package dumper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The configured types and global settings, parsed once, in process. */
class DumpTypesTest {

    @Test
    void types_are_parsed_by_name_with_the_zone_and_the_missed_fires_rule() {
        DumpTypes types = TestConfig.types(Map.of("dumper.dumps.b.date-range", "prohibited", "dumper.dumps.a.batch", "P7D",
                "dumper.time-zone", "Africa/Lusaka", "dumper.serve.missed-fires", "Each"));

        assertThat(types.all()).containsOnlyKeys("a", "b");
        assertThat(types.get("a").batch()).isEqualTo(BatchSize.parse("P7D"));
        assertThat(types.zone()).isEqualTo(ZoneId.of("Africa/Lusaka"));
        assertThat(types.missedFires()).isEqualTo(DumpTypes.MissedFires.EACH);
    }

    @Test
    void an_unknown_type_is_refused_with_the_known_ones_and_how_to_add_it() {
        DumpTypes types = TestConfig.types(Map.of("dumper.dumps.a.batch", "P7D", "dumper.dumps.b.batch", "P1D"));

        assertThatThrownBy(() -> types.get("c"))
                .isInstanceOf(UnknownType.class)
                .hasMessage("unknown dump type 'c'; known types: a, b (add one with queries/c.sql and dumper.dumps.c.* settings)");
        assertThatThrownBy(() -> types.get(null)).isInstanceOf(UnknownType.class);
    }

    @Test
    void a_huge_unknown_type_name_is_cut_in_the_message() {
        DumpTypes types = TestConfig.types(Map.of("dumper.dumps.a.batch", "P7D"));
        String huge = "x".repeat(1_000_000);

        assertThatThrownBy(() -> types.get(huge))
                .isInstanceOf(UnknownType.class)
                .hasMessage("unknown dump type '" + "x".repeat(64) + "…' (1000000 characters); known types: a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dumper.time-zone          | Mars/Olympus | dumper.time-zone=Mars/Olympus is not valid; use a region such as Africa/Lusaka",
        "dumper.serve.missed-fires | twice        | dumper.serve.missed-fires=twice is not valid; use one of skip, once, each",
        "dumper.block-size         | 4096         | dumper.block-size=4096 is out of range; use between 64K and 64M",
        "dumper.block-size         | 3G           | dumper.block-size=3G is out of range; use between 64K and 64M",
        "dumper.block-size         | 1 MB         | dumper.block-size=1 MB is not a size; write bytes, or a number with K, M or G such as 16M",
        "dumper.source.max-row-size | -1M         | dumper.source.max-row-size=-1M is not a size; write bytes, or a number with K, M or G such as 16M",
        "dumper.source.max-row-size | 3G          | dumper.source.max-row-size=3G is out of range; use between 1K and 2047M",
        "dumper.dumps.a.threads    | 0            | dumper.dumps.a.threads=0 must be between 1 and 16",
    })
    void a_bad_global_or_type_setting_is_one_line_naming_it(String key, String value, String message) {
        DumpTypes types = TestConfig.types(Map.of(key, value, "dumper.dumps.b.batch", "P1D"));

        assertThatThrownBy(types::validate).isInstanceOf(ConfigProblem.class).hasMessageStartingWith(message);
    }
}
