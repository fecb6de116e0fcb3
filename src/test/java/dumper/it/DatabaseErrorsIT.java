package dumper.it;

import static dumper.it.ItSupport.assertFailedMidRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** A database that cannot be reached: one line, exit code 4, no file, and never the password. */
@QuarkusMainIntegrationTest
@TestProfile(DatabaseErrorsIT.Unreachable.class)
class DatabaseErrorsIT {

    static final String SECRET = "s3cr3t-Pa55word";

    /** Port 9 (discard) on loopback: nothing listens there. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:mysql://127.0.0.1:9/nowhere",
                    "quarkus.datasource.password", SECRET, "dumper.retry.backoff", "PT0.1S");
        }
    }

    @Test
    void an_unreachable_server_is_named_without_the_password(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("unreachable");
        LaunchResult result = launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
        // A server that does not answer may be restarting: retried like a lost connection, then one line.
        assertFailedMidRun(result, 4, out, "cannot connect to jdbc:mysql://127.0.0.1:9/nowhere", "gave up after 3 attempts");
        assertThat(result.getErrorOutput() + result.getOutput()).doesNotContain(SECRET);
        // The guard's monitor starts as the run begins; before any batch it keeps quiet about a
        // source it cannot reach, which the run's own line names.
        assertThat(result.getErrorOutput()).doesNotContain("guard:");
    }
}
