package dumper.it;

import static dumper.it.ItSupport.reportEntries;
import static dumper.it.ItSupport.sha256;
import static dumper.it.ItSupport.visibleFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * A run killed with SIGKILL at any point resumes with the same command and ends with the same
 * bytes as a run that was never interrupted. slowzm pauses 0.3 s per weekly batch.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ResumeIT {

    private static final String FILE = "slowzm_2024-01-01_2024-03-31.csv.gz";

    private static String[] args(Path out, String... more) {
        String[] base = {"--dump", "slowzm", "2024-01-01", "2024-03-31", "--output-dir", out.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static Path reference(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("reference");
        LaunchResult result = launcher.launch(args(out));
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        return out.resolve(FILE);
    }

    @Test
    void killed_during_a_batch_the_same_command_resumes_to_the_same_bytes(QuarkusMainLauncher launcher) throws Exception {
        Path reference = reference(launcher);
        Path out = ItSupport.newOutputDir("killed");
        Process process = PackagedApp.start(out.resolve("first-attempt.log"), args(out));
        PackagedApp.awaitFile(out.resolve(".dumper/" + FILE + "/000004.done"), process, 60);
        PackagedApp.kill9(process);

        assertThat(out.resolve(FILE)).doesNotExist();
        assertThat(out.resolve(FILE + ".manifest.json")).doesNotExist();

        LaunchResult resumed = launcher.launch(args(out));
        assertThat(resumed.exitCode()).as(resumed.getErrorOutput()).isZero();
        assertThat(resumed.getErrorOutput()).contains("batch 1/13 already finished", "batch 4/13 already finished");
        assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(reference));
        assertThat(out.resolve(".dumper/" + FILE)).doesNotExist();
        assertThat(reportEntries(FILE)).isEqualTo(1);
    }

    @Test
    void killed_again_and_again_at_any_point_it_still_ends_with_the_same_bytes(QuarkusMainLauncher launcher) throws Exception {
        Path reference = reference(launcher);
        Path out = ItSupport.newOutputDir("killed-often");
        // Kill points spread over start-up, batches, compression and publication.
        for (int delay : new int[] {700, 1500, 2500, 3300, 4200}) {
            Process process = PackagedApp.start(out.resolve("attempt-" + delay + ".log"), args(out));
            Thread.sleep(delay);
            PackagedApp.kill9(process);
        }
        LaunchResult last = launcher.launch(args(out));
        assertThat(last.exitCode()).as(last.getErrorOutput()).isZero();
        assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(reference));
        assertThat(visibleFiles(out)).extracting(p -> p.getFileName().toString())
                .contains(FILE, FILE + ".manifest.json")
                .allSatisfy(name -> assertThat(name).doesNotEndWith(".tmp").doesNotEndWith(".part"));
    }

    @Test
    void a_crash_while_publishing_is_repaired_by_publishing_again(QuarkusMainLauncher launcher) throws Exception {
        Path reference = reference(launcher);
        Path out = ItSupport.newOutputDir("publishing");
        Process process = PackagedApp.start(out.resolve("first-attempt.log"), args(out));
        PackagedApp.awaitFile(out.resolve(".dumper/" + FILE + "/000013.done"), process, 60);
        PackagedApp.kill9(process);
        // What a crash half-way through joining the parts leaves behind: a temporary file.
        Files.write(out.resolve("." + FILE + ".tmp"), new byte[] {0x1f, (byte) 0x8b, 8});

        LaunchResult resumed = launcher.launch(args(out));
        assertThat(resumed.exitCode()).as(resumed.getErrorOutput()).isZero();
        assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(reference));
        assertThat(out.resolve("." + FILE + ".tmp")).doesNotExist();
    }

    @Test
    void fresh_discards_earlier_progress(QuarkusMainLauncher launcher) throws Exception {
        Path reference = reference(launcher);
        Path out = ItSupport.newOutputDir("fresh");
        Process process = PackagedApp.start(out.resolve("first-attempt.log"), args(out));
        PackagedApp.awaitFile(out.resolve(".dumper/" + FILE + "/000002.done"), process, 60);
        PackagedApp.kill9(process);

        LaunchResult fresh = launcher.launch(args(out, "--fresh"));
        assertThat(fresh.exitCode()).as(fresh.getErrorOutput()).isZero();
        assertThat(fresh.getErrorOutput()).doesNotContain("already finished").contains("(0 resumed)");
        assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(reference));
    }
}
