package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** Wrong credentials: the server's refusal in one line, exit code 4, and never the password. */
@QuarkusMainIntegrationTest
@TestProfile(BadCredentialsIT.WrongPassword.class)
class BadCredentialsIT {

    static final String SECRET = "n0t-the-Pa55word";

    public static class WrongPassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(TestDatabase.ensureStarted());
            config.put("quarkus.datasource.username", "dumper_nobody");
            config.put("quarkus.datasource.password", SECRET);
            return config;
        }
    }

    @Test
    void bad_credentials_are_reported_without_the_password(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("credentials");
        LaunchResult result = launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
        assertRejected(result, 4, out, "as dumper_nobody", "Access denied");
        assertThat(result.getErrorOutput() + result.getOutput()).doesNotContain(SECRET);
    }
}
