package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Size settings typed wrong, and a secret under a key dumper does not have: one {@code dumper:}
 * line and exit code 3 from the packaged application, not the framework's start-up failure.
 */
class SizeSettingsIT {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dumper.block-size                               | 3G     | dumper.block-size=3G is out of range",
        "dumper.source.max-row-size                      | -1M    | dumper.source.max-row-size=-1M is not a size",
        "dumper.source.additional-jdbc-properties.password | S3cret | unknown setting dumper.source.additional-jdbc-properties.password",
    })
    void a_bad_size_or_unknown_key_is_one_line_and_exit_code_3(String key, String value, String message) throws Exception {
        Path log = ItSupport.newOutputDir("size-setting").resolve("check.log");
        int exit = PackagedApp.run(log, Map.of(key, value), "check", "zm");
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertThat(exit).as(String.join("\n", lines)).isEqualTo(3);
        assertThat(lines).singleElement().asString().startsWith("dumper: ").contains(message).doesNotContain("S3cret");
    }
}
