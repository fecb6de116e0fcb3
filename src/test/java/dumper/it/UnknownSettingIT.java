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

/** A misspelt setting is named in one line instead of being ignored. */
@QuarkusMainIntegrationTest
@TestProfile(UnknownSettingIT.Misspelt.class)
class UnknownSettingIT {

    public static class Misspelt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dumper.dumps.zm.bacth", "P1D");
        }
    }

    @Test
    void a_misspelt_type_setting_is_named(QuarkusMainLauncher launcher) {
        assertRejected(launcher.launch("list"), 3, null, "unknown setting dumper.dumps.zm.bacth", "batch|");
    }

    @Test
    void a_setting_named_just_dumper_dot_is_named_too() throws Exception {
        Path log = ItSupport.newOutputDir("dumper-dot").resolve("list.log");
        assertThat(PackagedApp.run(log, Map.of("dumper.", "x"), "list")).as(Files.readString(log)).isEqualTo(3);
        assertThat(Files.readString(log)).contains("dumper: unknown setting dumper.; docs/operations.md lists the dumper.* settings")
                .doesNotContain("Exception");
    }

    @Test
    void environment_variables_set_settings_and_foreign_dumper_variables_are_ignored() throws Exception {
        Path log = ItSupport.newOutputDir("env").resolve("list.log");
        Process list = PackagedApp.start(log, Map.of(), Map.of("DUMPER_DUMPS_ZM_BATCH", "P1D", "DUMPER_JAR", "/opt/dumper.jar"),
                "list");
        assertThat(list.waitFor()).as(Files.readString(log)).isZero();
        assertThat(Files.readAllLines(log)).anySatisfy(line -> assertThat(line).matches("zm\\s+required\\s+P1D\\s.*"));
    }
}
