package dumper.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dumper.config.ConfigProblem;
import dumper.config.DumpType;
import dumper.config.TestConfig;
import dumper.core.ExitCode;

/** A type's SQL file as the planner and {@code dumper check} read it. */
class QueryFilesTest {

    @TempDir
    Path dir;

    private DumpType typeReading(String sql) throws IOException {
        Path file = dir.resolve("q.sql");
        Files.write(file, sql.getBytes(StandardCharsets.UTF_8));
        return TestConfig.types(Map.of("dumper.dumps.q.query-file", file.toString(), "dumper.dumps.q.date-range", "prohibited"))
                .get("q");
    }

    @Test
    void a_utf8_byte_order_mark_is_not_part_of_the_sql() throws IOException {
        QueryTemplate query = QueryFiles.load(typeReading("\uFEFFSELECT id FROM facility"));
        assertThat(query.jdbcSql()).isEqualTo("SELECT id FROM facility");
    }

    @Test
    void a_statement_that_is_not_a_select_is_refused_in_one_line() throws IOException {
        for (String sql : new String[] {"DELETE FROM facility", "  -- wipe\n update facility SET name = ''",
                "/*! DELETE FROM facility */", "\uFEFFDROP TABLE facility", "CALL cleanup()"}) {
            DumpType type = typeReading(sql);
            assertThatThrownBy(() -> QueryFiles.load(type)).as(sql).isInstanceOf(ConfigProblem.class)
                    .hasMessageContaining("is not a SELECT").hasMessageContaining("a dump only reads")
                    .satisfies(e -> assertThat(((ConfigProblem) e).exitCode).isEqualTo(ExitCode.CONFIG));
        }
    }
}
