package dumper.it;

import static dumper.it.ItSupport.assertFailedMidRun;
import static dumper.it.ItSupport.reportEntries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** A disk that fills up mid-run: one line, exit code 5, no final file, no report entry. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class DiskFullIT {

    private Path mountPoint;

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null) {
            new ProcessBuilder("umount", mountPoint.toString()).inheritIO().start().waitFor();
        }
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
        mountPoint = dir;

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
