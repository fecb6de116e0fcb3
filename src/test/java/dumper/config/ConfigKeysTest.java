package dumper.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The known setting names come from the @ConfigMapping interfaces, named as SmallRye names them. */
class ConfigKeysTest {

    @Test
    void a_dump_type_knows_exactly_the_settings_of_its_mapping() {
        assertThat(ConfigKeys.of(DumpTypeConfig.class, "")).containsExactlyInAnyOrder("query-file", "date-range", "batch",
                "fetch-size", "threads", "schedule", "window", "datasource", "format", "compression", "compression-level",
                "file-name", "files", "binary", "csv-null", "replace", "header", "publish-to");
    }

    @Test
    void global_settings_include_groups_but_neither_the_map_of_types_nor_helper_methods() {
        assertThat(ConfigKeys.of(DumperConfig.class, "dumper."))
                .contains("dumper.mode", "dumper.output-dir", "dumper.time-zone", "dumper.report.last-end",
                        "dumper.retry.backoff", "dumper.source.max-row-size", "dumper.serve.allow-anonymous",
                        "dumper.queue.batch-timeout", "dumper.publish-to", "dumper.s3.part-size")
                .doesNotContain("dumper.dumps", "dumper.output-directory")
                .allMatch(key -> key.matches("dumper\\.[a-z0-9.-]+"));
    }
}
