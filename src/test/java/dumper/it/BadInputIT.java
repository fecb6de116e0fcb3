package dumper.it;

import static dumper.it.ItSupport.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/** Each bad input: one line that says what is wrong, its own exit code, and no file. */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class BadInputIT {

    static final int USAGE = 2;
    static final int CONFIG = 3;
    static final int OUTPUT = 5;
    static final int BUSY = 6;

    @Test
    void unknown_type_lists_the_known_ones(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "zz", "2024-01-01", "2024-01-07", "--output-dir", out.toString()),
                USAGE, out, "unknown dump type 'zz'", "bcu", "mcct", "vaud", "zm");
    }

    @Test
    void missing_date_range(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "zm", "--output-dir", out.toString()), USAGE, out, "needs a date range");
    }

    @Test
    void only_one_date(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "--output-dir", out.toString()), USAGE, out,
                "both a start and an end");
    }

    @Test
    void forbidden_date_range(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "snapshot", "2024-01-01", "2024-01-07", "--output-dir", out.toString()),
                USAGE, out, "takes no date range");
    }

    @Test
    void malformed_dates(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "zm", "2024-13-01", "2024-01-07", "--output-dir", out.toString()),
                USAGE, out, "'2024-13-01' is not a valid start");
        assertRejected(launcher.launch("--dump", "zm", "2024-02-30", "2024-03-07", "--output-dir", out.toString()),
                USAGE, out, "'2024-02-30'");
        assertRejected(launcher.launch("--dump", "zm", "--start", "2024-01-01", "--end", "yesterday", "--output-dir", out.toString()),
                USAGE, out, "'yesterday' is not a valid end");
    }

    @Test
    void reversed_dates(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-07", "2024-01-01", "--output-dir", out.toString()),
                USAGE, out, "is not before the end");
    }

    @Test
    void zero_negative_or_outsized_batch(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--batch-days", "0", "--output-dir", out.toString()),
                USAGE, out, "batch");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--batch-hours=-4", "--output-dir", out.toString()),
                USAGE, out, "batch");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--batch", "PT0S", "--output-dir", out.toString()),
                USAGE, out, "batch");
        // Too large for the numbers or the calendar.
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--batch", "400000000w", "--output-dir", out.toString()),
                USAGE, out, "is not a batch size");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--batch", "P999999999Y", "--output-dir", out.toString()),
                USAGE, out, "does not fit the calendar");
    }

    @Test
    void thread_count_out_of_range(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--threads", "0", "--output-dir", out.toString()),
                USAGE, out, "--threads must be between 1 and 16");
        assertRejected(launcher.launch("--dump", "zm", "2024-01-01", "2024-01-07", "--threads", "17", "--output-dir", out.toString()),
                USAGE, out, "--threads must be between 1 and 16");
    }

    @Test
    void missing_sql_file(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "nofile", "--output-dir", out.toString()), CONFIG, out, "does not exist");
    }

    @Test
    void unreadable_sql_file(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "dirsql", "--output-dir", out.toString()), CONFIG, out, "cannot be read");
    }

    @Test
    void invalid_sql(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "badsql", "2024-01-01", "2024-01-07", "--output-dir", out.toString()),
                CONFIG, out, "fails on the server");
        assertRejected(launcher.launch("--dump", "notable", "2024-01-01", "2024-01-07", "--output-dir", out.toString()),
                CONFIG, out, "no_such_table");
    }

    @Test
    void query_without_the_parameters_its_type_needs(QuarkusMainLauncher launcher) {
        Path out = ItSupport.newOutputDir("bad");
        assertRejected(launcher.launch("--dump", "noparams", "2024-01-01", "2024-01-07", "--output-dir", out.toString()),
                CONFIG, out, "must use both :start and :end");
    }

    @Test
    void type_name_that_is_not_a_safe_file_name(QuarkusMainLauncher launcher) {
        assertRejected(launcher.launch("--dump", "../etc/passwd", "2024-01-01", "2024-01-07"), USAGE, null, "unknown dump type");
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

    @Test
    void unknown_option_and_no_command(QuarkusMainLauncher launcher) {
        assertRejected(launcher.launch("--dump", "zm", "--bogus"), USAGE, null, "--bogus");
        assertRejected(launcher.launch(), USAGE, null, "nothing to do");
    }
}
