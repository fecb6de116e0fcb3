package dumper.it;

import static dumper.it.ItSupport.assertFailedMidRun;
import static dumper.it.ItSupport.reportEntries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** A disk that fills up mid-run: one line, exit code 5, no final file, no report entry. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
@Tag("faults")
class DiskFullIT {

    private static final String HALF_YEAR = "zm_2024-01-01_2024-06-30.csv.gz";

    private final List<Path> mountPoints = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path mountPoint : mountPoints) {
            new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor();
        }
    }

    /** A tmpfs of {@code bytes} (rounded up to pages) at a new directory; the test is skipped without root. */
    private Path tinyDisk(String name, long bytes) throws Exception {
        Path dir = ItSupport.newOutputDir(name);
        int mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString())
                .redirectErrorStream(true).start().waitFor();
        assumeTrue(mounted == 0, "needs root to mount a tiny tmpfs");
        mountPoints.add(dir);
        return dir;
    }

    /** The size of the half-year file, from a run on an ordinary disk (its bytes are always the same). */
    private static long halfYearBytes() throws Exception {
        Path out = ItSupport.newOutputDir("reference");
        Path log = TestDatabase.outputDir.resolve(out.getFileName() + ".log");
        assertThat(PackagedApp.run(log, Map.of("dumper.publish-dir", out.toString(), "dumper.report.enabled", "false"), "--dump", "zm", "2024-01-01", "2024-06-30",
                "--batch", "P1M", "--output-dir", out.toString())).as(Files.readString(log)).isZero();
        return Files.size(out.resolve(HALF_YEAR));
    }

    /**
     * Runs the half year into {@code out}, publishing into {@code publish}, and checks the failure:
     * one line naming {@code fullDir}, exit code 5, nothing final or temporary left in either
     * directory, no report entry, and every batch still staged for the next run.
     */
    private static void assertPublishFails(Path out, Path publish, Path fullDir) throws Exception {
        Path log = TestDatabase.outputDir.resolve(out.getFileName() + ".log");
        int exit = PackagedApp.run(log, Map.of("dumper.publish-dir", publish.toString()), "--dump", "zm", "2024-01-01",
                "2024-06-30", "--batch", "P1M", "--output-dir", out.toString());
        List<String> lines = Files.readAllLines(log);
        List<String> errors = lines.stream().filter(l -> l.startsWith("dumper: ")).toList();
        assertThat(errors).as(String.join("\n", lines)).hasSize(1);
        assertThat(errors.get(0)).contains("No space left on device", "free disk space in " + fullDir);
        assertThat(exit).isEqualTo(5);
        for (Path dir : List.of(out, publish)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).as("left in " + dir).allMatch(".dumper"::equals);
            }
        }
        assertThat(reportEntries(HALF_YEAR)).isZero();
        try (Stream<Path> staged = Files.list(out.resolve(".dumper").resolve(HALF_YEAR))) {
            assertThat(staged.filter(p -> p.toString().endsWith(".done"))).as("finished batches are kept").hasSize(6);
        }
    }

    @Test
    void a_publish_directory_too_small_for_the_file_leaves_nothing_published() throws Exception {
        long bytes = halfYearBytes();
        Path publish = tinyDisk("publish-full", bytes / 2);
        assertPublishFails(ItSupport.newOutputDir("out"), publish, publish);
    }

    @Test
    void a_publish_directory_with_room_for_the_file_but_not_its_manifest_leaves_nothing_published() throws Exception {
        long bytes = halfYearBytes();
        // Exactly the file's pages: the copy fits, the manifest's first page does not.
        Path publish = tinyDisk("manifest-full", (bytes + 4095) / 4096 * 4096);
        assertPublishFails(ItSupport.newOutputDir("out"), publish, publish);
    }

    @Test
    void after_a_failed_publish_the_next_run_publishes_the_kept_batches_without_exporting_them_again() throws Exception {
        long bytes = halfYearBytes();
        Path out = ItSupport.newOutputDir("out");
        Path publish = tinyDisk("publish-then-room", bytes / 2);
        assertPublishFails(out, publish, publish);

        Path log = TestDatabase.outputDir.resolve(out.getFileName() + "-again.log");
        // No report entry: the half year's file name is other tests' too, and monthly batches give other bytes.
        int exit = PackagedApp.run(log, Map.of("dumper.publish-dir", ItSupport.newOutputDir("roomy").toString(),
                "dumper.report.enabled", "false"), "--dump", "zm", "2024-01-01", "2024-06-30", "--batch", "P1M", "--output-dir",
                out.toString());
        assertThat(exit).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).as("the message said: finished batches are kept").contains("6 batch(es) (6 resumed)");
        assertThat(Files.size(out.resolve(HALF_YEAR))).isEqualTo(bytes);
    }

    @Test
    void an_output_directory_with_room_for_the_file_and_a_half_is_enough_as_no_second_copy_is_made() throws Exception {
        long bytes = halfYearBytes();
        // Parts joined into a second copy at the end needed room for the file twice; batches
        // joined as they finish need the file and the parts waiting for their turn.
        Path out = tinyDisk("join-once", bytes + bytes / 2 + 40 * 4096);
        Path log = TestDatabase.outputDir.resolve(out.getFileName() + ".log");
        int exit = PackagedApp.run(log, Map.of("dumper.publish-dir", ItSupport.newOutputDir("publish").toString(),
                "dumper.report.enabled", "false"), "--dump", "zm", "2024-01-01", "2024-06-30", "--batch", "P1M", "--output-dir", out.toString());
        assertThat(exit).as(Files.readString(log)).isZero();
        assertThat(Files.size(out.resolve(HALF_YEAR))).isEqualTo(bytes);
    }

    @Test
    void a_full_disk_mid_run_fails_cleanly(QuarkusMainLauncher launcher) throws Exception {
        Path dir = ItSupport.newOutputDir("tiny");
        int mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start().waitFor();
        if (mounted != 0) {
            System.out.println("DiskFullIT skipped: cannot mount a tmpfs here (needs root)");
        }
        assumeTrue(mounted == 0, "needs root to mount a tiny tmpfs");
        mountPoints.add(dir);

        String file = "zm_2024-01-01_2024-06-30.csv.gz";
        assertFailedMidRun(launcher.launch("--dump", "zm", "2024-01-01", "2024-06-30", "--output-dir", dir.toString()),
                5, dir, "No space left on device", "free disk space");
        assertThat(dir.resolve(file)).doesNotExist();
        assertThat(Files.exists(TestDatabase.publishDir.resolve(file))).isFalse();
        assertThat(reportEntries(file)).isZero();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).as("the failed batch's part is removed").noneMatch(p -> p.endsWith(".part"));
        }
    }
}
