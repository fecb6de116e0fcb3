package dumper.it;

import static dumper.it.ItSupport.onlyFile;
import static dumper.it.ItSupport.query;
import static dumper.it.ItSupport.readCsv;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** Every column type, dumped and read back with an independent CSV parser, value by value. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class FidelityIT {

    @Test
    void every_value_of_every_column_type_comes_back_as_the_server_holds_it(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("fidelity");
        LaunchResult result = launcher.launch("--dump", "alltypes", "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();

        List<List<String>> csv = readCsv(onlyFile(out));
        List<List<String>> columns = query("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = DATABASE() AND table_name = 'alltypes' ORDER BY ordinal_position");
        assertThat(csv.get(0)).containsExactlyElementsOf(columns.stream().map(c -> c.get(0)).toList());

        // The server's own rendering of each value, through a different path than dumper's.
        String select = String.join(", ", columns.stream().map(c -> serverText(c.get(0), c.get(1))).toList());
        List<List<String>> expected = query("SELECT " + select + " FROM alltypes ORDER BY id");
        assertThat(csv.subList(1, csv.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void awkward_values_are_written_exactly(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("awkward");
        assertThat(launcher.launch("--dump", "alltypes", "--output-dir", out.toString()).exitCode()).isZero();
        List<List<String>> csv = readCsv(onlyFile(out));
        List<String> header = csv.get(0);
        List<String> max = csv.get(1);
        List<String> empty = csv.get(2);
        List<String> nulls = csv.get(3);
        List<String> zero = csv.get(4);

        assertThat(value(header, max, "c_decimal")).isEqualTo("-99999999999999999999999999999999999.999999999999999999999999999999");
        assertThat(value(header, max, "c_ubigint")).isEqualTo("18446744073709551615");
        assertThat(value(header, max, "c_bit64")).isEqualTo("18446744073709551615");
        assertThat(value(header, max, "c_bool")).isEqualTo("1");
        assertThat(value(header, max, "c_datetime3")).isEqualTo("2024-01-01 10:00:00.000");
        assertThat(value(header, max, "c_datetime6")).isEqualTo("2024-02-29 23:59:59.999999");
        assertThat(value(header, max, "c_varchar")).isEqualTo("comma, \"quote\" and 'apostrophe'");
        assertThat(value(header, max, "c_text")).isEqualTo("line1\nline2\r\nline3\rend");
        assertThat(value(header, max, "c_binary")).isEqualTo("00FF1000");
        assertThat(value(header, max, "c_blob")).isEqualTo("00010203FF");

        assertThat(value(header, empty, "c_varchar")).isEmpty();
        assertThat(value(header, nulls, "c_varchar")).isNull();
        assertThat(nulls.subList(1, nulls.size())).containsOnlyNulls();

        assertThat(value(header, zero, "c_date")).isEqualTo("0000-00-00");
        assertThat(value(header, zero, "c_datetime")).isEqualTo("0000-00-00 00:00:00");
        assertThat(value(header, zero, "c_varchar")).isEqualTo("👩🏽‍⚕️ Chipo Mwanza-Ngozi, José — 日本語");
        assertThat(value(header, zero, "c_text")).isEqualTo("tab\there\\backslash \\N NULL");
        assertThat(value(header, zero, "c_varbinary")).isEqualTo("4E554C4C");
        assertThat(value(header, zero, "c_set")).isEqualTo("x,y,z");
        assertThat(value(header, zero, "c_enum")).isEqualTo("c d");
        // Columns in other character sets than the connection's arrive converted to UTF-8.
        assertThat(value(header, max, "c_latin1")).isEqualTo("Crème brûlée, façade");
        assertThat(value(header, max, "c_cp1251")).isEqualTo("Москва");
        assertThat(value(header, zero, "c_latin1")).isEqualTo("José");
        assertThat(value(header, zero, "c_cp1251")).isEqualTo("Жж");
    }

    private static String value(List<String> header, List<String> row, String column) {
        return row.get(header.indexOf(column));
    }

    private static String serverText(String column, String dataType) {
        return switch (dataType.toLowerCase()) {
            case "binary", "varbinary", "blob", "tinyblob", "mediumblob", "longblob" -> "HEX(" + column + ")";
            case "bit" -> "CAST(" + column + " AS UNSIGNED)";
            default -> "CAST(" + column + " AS CHAR)";
        };
    }
}
