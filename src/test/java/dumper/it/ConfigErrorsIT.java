package dumper.it;

import static dumper.it.ItSupport.assertRejected;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** A configured type whose name is not a safe file name stops every command before any query. */
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
}
