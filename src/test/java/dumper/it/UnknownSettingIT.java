package dumper.it;

import static dumper.it.ItSupport.assertRejected;

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
}
