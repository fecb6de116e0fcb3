package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dumper.core.DumperException;
import dumper.core.ExitCode;

class StagedOutputTest {

    @TempDir
    Path out;

    @Test
    void lock_files_are_gone_once_runs_end_and_a_held_one_still_keeps_a_second_run_out() throws IOException {
        for (int run = 0; run < 3; run++) {
            String file = "zm_" + run + ".csv.gz";
            try (StagedOutput staged = StagedOutput.open(out, file, List.of(file), "plan", false)) {
                assertThat(lockFiles()).hasSize(1);
                assertThatThrownBy(() -> StagedOutput.open(out, file, List.of(), "plan", false))
                        .isInstanceOfSatisfying(DumperException.class, e -> assertThat(e.exitCode).isEqualTo(ExitCode.BUSY))
                        .hasMessageContaining("another run is already writing");
            }
        }
        assertThat(lockFiles()).isEmpty();
        try (StagedOutput again = StagedOutput.open(out, "zm_0.csv.gz", List.of(), "plan", false)) {
            assertThat(lockFiles()).hasSize(1);
        }
    }

    private List<Path> lockFiles() throws IOException {
        try (Stream<Path> files = Files.list(out.resolve(".dumper"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList();
        }
    }
}
