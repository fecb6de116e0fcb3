package dumper.it;

import static dumper.it.ItSupport.sha256;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.restassured.http.ContentType;

/**
 * SIGTERM to {@code dumper serve} in the middle of a run: the run stops at a clean point within
 * the grace period, nothing is published, and the same request on the next start resumes it to
 * the same bytes as an uninterrupted run.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ShutdownIT {

    private static final String FILE = "gatezm_2024-01-01_2024-01-28.csv.gz";
    /** The run's first week passes; the others wait at the gate until the run is stopped. */
    private static final String[] LATER_WEEKS = {"2024-01-08", "2024-01-15", "2024-01-22"};
    private static final String RUN = "{\"type\":\"gatezm\",\"start\":\"2024-01-01\",\"end\":\"2024-01-28\"}";
    /**
     * A grace period far beyond the test's patience: the process can only end in time by stopping
     * its run at a clean point, never by running out the grace, however loaded the machine is.
     */
    private static final Map<String, String> ENDLESS_GRACE = Map.of("dumper.serve.shutdown-grace", "PT1H");

    @Test
    void sigterm_stops_the_run_cleanly_and_the_next_start_resumes_it(QuarkusMainLauncher launcher) throws Exception {
        Path reference = ItSupport.newOutputDir("reference");
        LaunchResult uninterrupted = launcher.launch("--dump", "gatezm", "2024-01-01", "2024-01-28", "--output-dir",
                reference.toString());
        assertThat(uninterrupted.exitCode()).as(uninterrupted.getErrorOutput()).isZero();

        Path out = ItSupport.newOutputDir("sigterm");
        int port = PackagedApp.freePort();
        Map<String, String> serve = new java.util.HashMap<>(ENDLESS_GRACE);
        serve.put("quarkus.http.port", String.valueOf(port));
        serve.put("dumper.output-dir", out.toString());
        try (Gate gate = Gate.closedFor(LATER_WEEKS)) {
            Process first = PackagedApp.start(out.resolve("first.log"), serve, "serve");
            PackagedApp.awaitHttp(port, first);
            post(port);
            PackagedApp.awaitFile(out.resolve(".dumper/" + FILE + "/000001.done"), first, PackagedApp.PATIENCE_SECONDS);
            gate.awaitWaiting(1, first);

            first.destroy();
            assertThat(first.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("stopped at a clean point").isTrue();
        }
        assertThat(out.resolve(FILE)).doesNotExist();
        assertThat(Files.readString(out.resolve("first.log"))).contains("stopping 1 run(s) for shutdown");

        Process second = PackagedApp.start(out.resolve("second.log"), serve, "serve");
        try {
            PackagedApp.awaitHttp(port, second);
            post(port);
            PackagedApp.awaitFile(out.resolve(FILE + ".manifest.json"), second, PackagedApp.PATIENCE_SECONDS);
            assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(reference.resolve(FILE)));
            assertThat(Files.readString(out.resolve("second.log"))).contains("1 of 4 batch(es) already finished by an earlier run, kept: 1");
        } finally {
            second.destroy();
            second.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrl_c_on_a_one_shot_run_says_to_run_the_same_command_again() throws Exception {
        Path out = ItSupport.newOutputDir("ctrl-c");
        Process run;
        try (Gate gate = Gate.closedFor(LATER_WEEKS)) {
            run = PackagedApp.start(out.resolve("run.log"), ENDLESS_GRACE, "--dump", "gatezm", "2024-01-01", "2024-01-28",
                    "--output-dir", out.toString());
            PackagedApp.awaitFile(out.resolve(".dumper/" + FILE + "/000001.done"), run, PackagedApp.PATIENCE_SECONDS);
            gate.awaitWaiting(1, run);
            new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor();
            assertThat(run.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("stopped at a clean point").isTrue();
        }

        String log = Files.readString(out.resolve("run.log"));
        assertThat(run.exitValue()).as(log).isEqualTo(130);
        assertThat(log).contains("run the same command again to resume").doesNotContain("next start");
        assertThat(out.resolve(FILE)).doesNotExist();
    }

    private static void post(int port) {
        given().port(port).contentType(ContentType.JSON).body(RUN).post("/api/runs").then().statusCode(202);
    }
}
