package dumper.it;

import static dumper.it.ItSupport.reportEntries;
import static dumper.it.ItSupport.sha256;
import static dumper.it.ItSupport.visibleFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * A run killed with SIGKILL at any point resumes with the same command and ends with the same
 * bytes as a run that was never interrupted. slowzm pauses 0.3 s per weekly batch, and its batches can
 * be held at a {@link Gate}.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class ResumeIT {

    private static final String FILE = "slowzm_2024-01-01_2024-03-31.csv.gz";
    /** Weekly batches from 2024-01-01 to 2024-03-31. */
    private static final int BATCHES = 13;

    private static String[] args(Path out, String... more) {
        String[] base = {"--dump", "slowzm", "2024-01-01", "2024-03-31", "--output-dir", out.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The file of a run that was never interrupted: every test's expected bytes. */
    private static Path reference;

    @BeforeAll
    static void runOnceUninterrupted() throws Exception {
        Path out = ItSupport.newOutputDir("reference");
        Path log = out.resolve("reference.log");
        assertThat(PackagedApp.run(log, Map.of(), args(out))).as(Files.readString(log)).isZero();
        reference = out.resolve(FILE);
    }

    /**
     * Starts a run and kills it (SIGKILL) once batch {@code batch} is finished; the batches after
     * it wait at the gate meanwhile, so the kill lands mid-run however loaded the machine is.
     */
    private static void killedAfterBatch(Path out, int batch) throws Exception {
        String[] later = java.util.stream.IntStream.range(batch, BATCHES)
                .mapToObj(week -> java.time.LocalDate.of(2024, 1, 1).plusWeeks(week).toString()).toArray(String[]::new);
        try (Gate gate = Gate.closedFor(later)) {
            Process process = PackagedApp.start(out.resolve("first-attempt.log"), args(out));
            PackagedApp.awaitFile(out.resolve(String.format(".dumper/%s/%06d.done", FILE, batch)), process,
                    PackagedApp.PATIENCE_SECONDS);
            if (later.length > 0) {
                gate.awaitWaiting(1, process);
            }
            PackagedApp.kill9(process);
        }
    }

    /** Runs the same command again: it ends with the reference's bytes and nothing left staged. */
    private static LaunchResult assertResumesTo(QuarkusMainLauncher launcher, Path out, Path reference) throws Exception {
        LaunchResult resumed = launcher.launch(args(out));
        assertThat(resumed.exitCode()).as(resumed.getErrorOutput()).isZero();
        assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(reference));
        assertThat(out.resolve(".dumper/" + FILE)).doesNotExist();
        return resumed;
    }

    @Test
    void killed_during_a_batch_the_same_command_resumes_to_the_same_bytes(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("killed");
        killedAfterBatch(out, 4);

        assertThat(out.resolve(FILE)).doesNotExist();
        assertThat(out.resolve(FILE + ".manifest.json")).doesNotExist();

        LaunchResult resumed = assertResumesTo(launcher, out, reference);
        assertThat(resumed.getErrorOutput()).contains("4 of 13 batch(es) already finished by an earlier run, kept: 1-4");
        assertThat(reportEntries(FILE)).isEqualTo(1);
    }

    @Test
    void killed_again_and_again_at_any_point_it_still_ends_with_the_same_bytes(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("killed-often");
        // Kill points spread over start-up, batches, compression and publication (an uninterrupted
        // run takes about three seconds with the launcher's AOT cache; each attempt resumes the last).
        for (int delay : new int[] {300, 900, 1500, 2100, 2700}) {
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
        Path out = ItSupport.newOutputDir("publishing");
        killedAfterBatch(out, 13);
        assertResumesTo(launcher, out, reference);
    }

    @Test
    void bytes_a_crash_left_past_the_joined_files_recorded_length_are_cut_off(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("half-written");
        killedAfterBatch(out, 6);
        // What a kill half-way through writing a batch into the growing file leaves: bytes past
        // the length recorded after the last finished batch.
        Path joined = out.resolve(".dumper/" + FILE + "/" + FILE + ".joined");
        Files.write(joined, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0}, StandardOpenOption.APPEND);

        LaunchResult resumed = assertResumesTo(launcher, out, reference);
        assertThat(resumed.getErrorOutput()).contains("6 of 13 batch(es) already finished by an earlier run, kept: 1-6");
    }

    @Test
    void fresh_discards_earlier_progress(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("fresh");
        killedAfterBatch(out, 2);

        LaunchResult fresh = launcher.launch(args(out, "--fresh"));
        assertThat(fresh.exitCode()).as(fresh.getErrorOutput()).isZero();
        assertThat(fresh.getErrorOutput()).doesNotContain("already finished").contains("(0 resumed)");
        assertThat(sha256(out.resolve(FILE))).isEqualTo(sha256(reference));
    }
}
