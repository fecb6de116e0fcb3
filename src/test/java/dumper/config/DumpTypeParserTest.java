package dumper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.WithDefault;

/** The parser of one dump type's settings, in process: what it makes of them, and the line it refuses them with. */
class DumpTypeParserTest {

    @Test
    void a_type_with_no_settings_takes_the_defaults_of_its_config_mapping() {
        DumpType type = DumpTypeParser.parse("events", settings(Map.of()));

        assertThat(type.queryFile()).isEqualTo(Path.of("queries/events.sql"));
        assertThat(type.dateRange()).isEqualTo(DateRange.OPTIONAL);
        assertThat(type.batch()).isEqualTo(BatchSize.parse("P1D"));
        assertThat(type.fetchSize()).isEqualTo(10000);
        assertThat(type.threads()).isEqualTo(2);
        assertThat(type.format()).isEqualTo(OutputFormat.CSV);
        assertThat(type.compression()).isEqualTo(Compression.GZIP);
        assertThat(type.compressionLevel()).isEqualTo(5);
        assertThat(type.fileName()).isEqualTo("{type}_{start}_{end}.{ext}");
        assertThat(type.filePerBatch()).isFalse();
        assertThat(type.schedules()).isEmpty();
        assertThat(type.replace()).isFalse();
        assertThat(type.header()).isTrue();
    }

    @Test
    void a_header_can_be_left_out_of_csv_and_tsv_but_json_lines_has_none_to_leave_out() {
        assertThat(DumpTypeParser.parse("t", settings(Map.of("format", "tsv", "header", "false"))).header()).isFalse();
        assertThatThrownBy(() -> DumpTypeParser.parse("t", settings(Map.of("format", "jsonl", "header", "false"))))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("dumper.dumps.t.header=false applies to csv and tsv");
    }

    @Test
    void a_type_publishes_to_its_own_bucket_to_the_global_one_or_with_none_to_none() {
        Optional<String> global = Optional.of("s3://exports/all/");
        assertThat(DumpTypeParser.parse("a", settings(Map.of()), global).publishTo())
                .contains(new BucketAddress("exports", "all/"));
        assertThat(DumpTypeParser.parse("b", settings(Map.of("publish-to", "s3://mine/b")), global).publishTo())
                .contains(new BucketAddress("mine", "b/"));
        assertThat(DumpTypeParser.parse("c", settings(Map.of("publish-to", "none")), global).publishTo()).isEmpty();
        assertThat(DumpTypeParser.parse("d", settings(Map.of())).publishTo()).isEmpty();
        assertThatThrownBy(() -> DumpTypeParser.parse("e", settings(Map.of("publish-to", "exports/e")), global))
                .hasMessageStartingWith("dumper.dumps.e.publish-to=exports/e is not a bucket address");
    }

    @Test
    void settings_are_read_whatever_their_case_and_crons_are_split_and_tidied() {
        DumpType type = DumpTypeParser.parse("daily", settings(Map.of("compression", "ZSTD", "compression-level", "19",
                "files", "Batch", "window", "P1D", "schedule", "0 1 17 * * ? ;  0  0 6 * * ?", "date-range", "Optional",
                "replace", "TRUE")));

        assertThat(type.compression()).isEqualTo(Compression.ZSTD);
        assertThat(type.compressionLevel()).isEqualTo(19);
        assertThat(type.filePerBatch()).isTrue();
        assertThat(type.window()).isEqualTo(new DumpType.DefaultWindow.Back(BatchSize.parse("P1D")));
        assertThat(type.schedules()).containsExactly("0 1 17 * * ?", "0 0 6 * * ?");
        assertThat(type.replace()).isTrue();
    }

    @Test
    void parquet_compresses_with_zstd_unless_told_and_its_name_has_no_compression_extension() {
        DumpType parquet = DumpTypeParser.parse("p", settings(Map.of("format", "parquet")));
        assertThat(parquet.compression()).isEqualTo(Compression.ZSTD);
        assertThat(parquet.compressionLevel()).isEqualTo(3);
        assertThat(parquet.extension()).isEqualTo(".parquet");

        DumpType snappy = DumpTypeParser.parse("p", settings(Map.of("format", "parquet", "compression", "snappy")));
        assertThat(snappy.compression()).isEqualTo(Compression.SNAPPY);
        assertThat(snappy.compressionLevel()).isZero();
        assertThat(snappy.extension()).isEqualTo(".parquet");
    }

    @Test
    void a_type_without_dates_is_named_by_the_time_it_ran() {
        DumpType type = DumpTypeParser.parse("snap", settings(Map.of("date-range", "prohibited")));

        assertThat(type.fileName()).isEqualTo("{type}_{now}.{ext}");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "threads           | 17          | dumper.dumps.t.threads=17 must be between 1 and 16",
        "fetch-size        | many        | dumper.dumps.t.fetch-size=many is not a whole number; use one at least 1",
        "compression       | lz4         | dumper.dumps.t.compression=lz4 is not valid; use one of gzip, zstd, snappy, none",
        "compression-level | 10          | dumper.dumps.t.compression-level=10 must be between 1 and 9",
        "compression       | snappy      | dumper.dumps.t.compression=snappy is only for format=parquet; use gzip or zstd",
        "files             | day         | dumper.dumps.t.files=day is not valid; use run or batch",
        "batch             | 7x          | dumper.dumps.t.batch=7x is not valid; use e.g. 7d, 4h, P7D or PT4H",
        "window            | P1M         | dumper.dumps.t.window=P1M must be in days or hours, not months",
        "replace           | yes         | dumper.dumps.t.replace=yes is not valid; use true or false",
        "header            | no          | dumper.dumps.t.header=no is not valid; use true or false",
        "schedule          | every day   | dumper.dumps.t.schedule=every day: 'every day' is not a cron expression",
        "schedule          | 0 1 17 * * ? | dumper.dumps.t.schedule is set but a scheduled run has no dates",
    })
    void a_bad_setting_is_refused_in_one_line_that_names_it(String key, String value, String message) {
        assertThatThrownBy(() -> DumpTypeParser.parse("t", settings(Map.of(key, value))))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void a_name_that_is_no_safe_file_name_is_refused() {
        assertThatThrownBy(() -> DumpTypeParser.parse("Big Events", settings(Map.of())))
                .isInstanceOf(ConfigProblem.class)
                .hasMessage("dump type name 'Big Events' is not a safe file name; use lower-case letters, digits, '-' and '_'");
    }

    @Test
    void a_default_window_needs_a_query_with_dates() {
        assertThatThrownBy(() -> DumpTypeParser.parse("t", settings(Map.of("date-range", "prohibited", "window", "today"))))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("dumper.dumps.t.window=today needs a query with :start and :end");
    }

    /**
     * {@link DumpTypeConfig} as SmallRye would fill it from {@code values} (keys as configured):
     * the setting when given, else its {@code @WithDefault}, else empty.
     */
    static DumpTypeConfig settings(Map<String, String> values) {
        Map<String, String> byKey = values;
        return (DumpTypeConfig) Proxy.newProxyInstance(DumpTypeConfig.class.getClassLoader(),
                new Class<?>[] {DumpTypeConfig.class}, (proxy, method, args) -> {
                    String key = method.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
                    Optional<String> given = Optional.ofNullable(byKey.get(key));
                    if (method.getReturnType() == Optional.class) {
                        return given;
                    }
                    WithDefault fallback = method.getAnnotation(WithDefault.class);
                    return given.orElseGet(() -> fallback.value());
                });
    }
}
