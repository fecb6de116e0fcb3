package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * Each kind of bad input, through the packaged app: one line on stderr that says what is wrong,
 * the exit code of its kind, and no file. Every refusal the planner can make, with its exact
 * words, is checked in process by RunPlannerTest, and batch sizes by BatchSizeTest; here one of
 * each path through the process is enough.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class BadInputIT {

    static final int USAGE = 2;
    static final int CONFIG = 3;
    static final int OUTPUT = 5;
    static final int BUSY = 6;

    /** The arguments (OUT stands for a fresh output directory), the exit code, and what the line says. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                refusal("--dump zz 2024-01-01 2024-01-07 --output-dir OUT", USAGE, "unknown dump type 'zz'", "bcu", "mcct", "zm"),
                refusal("--dump zm 2024-01-07 2024-01-01 --output-dir OUT", USAGE, "is not before the end"),
                refusal("--dump zm 2024-02-30 2024-03-07 --output-dir OUT", USAGE, "'2024-02-30' is not a valid start"),
                refusal("--dump zm 2024-01-01 2024-01-07 --batch-days 0 --output-dir OUT", USAGE, "bad batch size"),
                refusal("--dump zm 2024-01-01 2024-01-07 --batch 400000000w --output-dir OUT", USAGE, "is not a batch size"),
                refusal("--dump zm 2024-01-01 2024-01-07 --threads 0 --output-dir OUT", USAGE, "--threads must be between 1 and 16"),
                refusal("--dump zm 2024-01-01 2024-01-07 --threads 17 --output-dir OUT", USAGE, "--threads must be between 1 and 16"),
                refusal("--dump zm 2024-01-01 2024-01-07 --fetch-size 0 --output-dir OUT", USAGE, "--fetch-size must be at least 1"),
                // The old name of --fetch-size still works, as an alias.
                refusal("--dump zm 2024-01-01 2024-01-07 --batch-rows 0 --output-dir OUT", USAGE, "--fetch-size must be at least 1"),
                refusal("--dump zm --bogus", USAGE, "--bogus"),
                refusal("", USAGE, "nothing to do"),
                refusal("--dump nofile --output-dir OUT", CONFIG, "does not exist"),
                refusal("--dump badsql 2024-01-01 2024-01-07 --output-dir OUT", CONFIG, "fails on the server"),
                refusal("--dump notable 2024-01-01 2024-01-07 --output-dir OUT", CONFIG, "no_such_table"));
    }

    private static Arguments refusal(String args, int exitCode, String... phrases) {
        return Arguments.of(args, exitCode, phrases);
    }

    @ParameterizedTest(name = "dumper {0}")
    @MethodSource("badInputs")
    void is_refused_in_one_line_with_its_exit_code_and_no_file(String args, int exitCode, String[] phrases,
            QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        String[] argv = args.isEmpty() ? new String[0] : args.replace("OUT", out.toString()).split(" ");
        assertRejected(launcher.launch(argv), exitCode, out, phrases);
    }

    @Test
    void output_directory_missing_or_not_a_directory(QuarkusMainLauncher launcher) throws Exception {
        Path missing = TestDatabase.outputDir.resolve("no-such-dir");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--output-dir", missing.toString()),
                OUTPUT, null, "does not exist", "--output-dir");
        assertThat(missing).doesNotExist();
        Path file = Files.createTempFile(TestDatabase.outputDir, "not-a-dir", ".txt");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--output-dir", file.toString()),
                OUTPUT, null, "is not a directory");
    }

    @Test
    void a_second_run_for_the_same_file_is_refused(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("busy");
        Path lockFile = out.resolve(".dumper/zm_2024-01-01_2024-01-07.csv.gz.lock");
        Files.createDirectories(lockFile.getParent());
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--output-dir", out.toString()),
                    BUSY, out, "another run is already writing zm_2024-01-01_2024-01-07.csv.gz");
        }
    }
}
