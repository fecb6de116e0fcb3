package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** Runs of different types go side by side; a second run for the same file is refused. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ParallelIT {

    @Test
    void two_types_run_at_the_same_time_in_separate_processes(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("parallel");
        // pausezm takes 3 s per weekly batch: 12 s for four weeks, far longer than mcct needs.
        Process slow = PackagedApp.start(out.resolve("pausezm.log"), "--dump", "pausezm", "2024-01-01", "2024-01-28",
                "--output-dir", out.toString());
        PackagedApp.awaitFile(out.resolve(".dumper/pausezm_2024-01-01_2024-01-28.csv.gz/000001.done"), slow, 60);

        LaunchResult other = launcher.launch("--dump", "mcct", "2024-01-01", "2024-03-31", "--output-dir", out.toString());
        assertThat(other.exitCode()).as(other.getErrorOutput()).isZero();
        assertThat(slow.isAlive()).as("pausezm still running while mcct finished").isTrue();
        assertThat(slow.waitFor()).isZero();
        assertThat(out.resolve("pausezm_2024-01-01_2024-01-28.csv.gz")).exists();
        assertThat(out.resolve("mcct_2024-01-01_2024-03-31.csv.gz")).exists();
    }

    @Test
    void the_same_file_twice_at_once_is_refused_and_the_first_run_finishes(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("same");
        Process first = PackagedApp.start(out.resolve("first.log"), "--dump", "slowzm", "2024-01-01", "2024-03-31",
                "--output-dir", out.toString());
        PackagedApp.awaitFile(out.resolve(".dumper/slowzm_2024-01-01_2024-03-31.csv.gz/000001.done"), first, 60);

        LaunchResult second = launcher.launch("--dump", "slowzm", "2024-01-01", "2024-03-31", "--output-dir", out.toString());
        assertRejected(second, 6, null, "another run is already writing slowzm_2024-01-01_2024-03-31.csv.gz");
        assertThat(first.waitFor()).isZero();
        assertThat(out.resolve("slowzm_2024-01-01_2024-03-31.csv.gz")).exists();
    }
}
