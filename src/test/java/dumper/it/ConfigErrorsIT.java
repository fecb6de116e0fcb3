package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * A configured type whose name is not a safe file name, or a number setting that is not a
 * number, stops every command before any query, in one line.
 */
@QuarkusMainIntegrationTest
@TestProfile(ConfigErrorsIT.UnsafeName.class)
class ConfigErrorsIT {

    public static class UnsafeName implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dumper.dumps.\"Zm Weekly\".query-file", "queries/zm.sql");
        }
    }

    @Test
    void an_unsafe_type_name_in_configuration(QuarkusMainLauncher launcher) {
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07"), 3, null,
                "dump type name 'Zm Weekly' is not a safe file name");
        assertRejected(launcher.launch("list"), 3, null, "not a safe file name");
    }

    @Test
    void a_number_setting_that_is_not_a_number_is_named_in_one_line() throws Exception {
        Path log = ItSupport.newOutputDir("nan").resolve("list.log");
        Process list = PackagedApp.start(log, Map.of(), Map.of("DUMPER_DUMPS_ZM_THREADS", "two"), "list");
        assertThat(list.waitFor()).as(Files.readString(log)).isEqualTo(3);
        assertThat(Files.readAllLines(log)).filteredOn(line -> !line.isBlank())
                .containsExactly("dumper: dumper.dumps.zm.threads=two is not a whole number; use one between 1 and 16");
    }

    @Test
    void a_session_time_zone_the_server_does_not_know_is_a_configuration_error() throws Exception {
        Path out = ItSupport.newOutputDir("bad-zone");
        Path log = out.resolve("dump.log");
        Process dump = PackagedApp.start(log, Map.of("dumper.session-time-zone", "Mars/Olympus_Mons"), Map.of(),
                "--dump", "zm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
        assertThat(dump.waitFor()).as(Files.readString(log)).isEqualTo(3);
        assertThat(Files.readString(log)).contains("dumper.session-time-zone=Mars/Olympus_Mons is not a time zone the server knows")
                .doesNotContain("check that the server runs");
        assertThat(ItSupport.visibleFiles(out)).containsExactly(log);
    }
}
