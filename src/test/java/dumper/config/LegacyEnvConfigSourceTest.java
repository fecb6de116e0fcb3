package dumper.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LegacyEnvConfigSourceTest {

    @Test
    void query_file_variables_of_the_old_tool_set_the_query_file_of_their_type() {
        LegacyEnvConfigSource source = new LegacyEnvConfigSource(Map.of(
                "QUERY_FILE_ZM", "./queries/zm.sql",
                "QUERY_FILE_MCCT", "/sql/mcct.sql",
                "QUERY_FILE_", "ignored",
                "PATH", "/usr/bin"));
        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder(
                "dumper.dumps.zm.query-file", "dumper.dumps.mcct.query-file");
        assertThat(source.getValue("dumper.dumps.zm.query-file")).isEqualTo("./queries/zm.sql");
        assertThat(source.getValue("dumper.dumps.mcct.query-file")).isEqualTo("/sql/mcct.sql");
        assertThat(source.getOrdinal()).isLessThan(300);
    }
}
