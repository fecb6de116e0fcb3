package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
            try (StagedOutput staged = StagedOutput.open(out, file, Map.of(file, List.of(1)), "plan", false)) {
                assertThat(lockFiles()).hasSize(1);
                assertThatThrownBy(() -> StagedOutput.open(out, file, Map.of(), "plan", false))
                        .isInstanceOfSatisfying(DumperException.class, e -> assertThat(e.exitCode).isEqualTo(ExitCode.BUSY))
                        .hasMessageContaining("another run is already writing");
            }
        }
        assertThat(lockFiles()).isEmpty();
        try (StagedOutput again = StagedOutput.open(out, "zm_0.csv.gz", Map.of(), "plan", false)) {
            assertThat(lockFiles()).hasSize(1);
        }
    }

    private static final String FILE = "zm.csv";
    private static final Map<String, List<Integer>> THREE_BATCHES = Map.of(FILE, List.of(1, 2, 3));

    @Test
    void a_failure_marker_carries_its_exit_code_and_one_of_an_earlier_version_reads_as_a_database_error() throws Exception {
        try (StagedOutput staged = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            staged.markFailed(1, ExitCode.SCHEMA_CHANGED, "the columns changed\nsecond line");
            assertThat(staged.failure(1)).contains(new StagedOutput.BatchFailure(ExitCode.SCHEMA_CHANGED,
                    "the columns changed\nsecond line"));
            // Before exit codes travelled with it, a marker held the error alone.
            Files.writeString(out.resolve(".dumper/run/000002.failed"), "Subquery returns more than 1 row");
            assertThat(staged.failure(2)).contains(new StagedOutput.BatchFailure(ExitCode.DATABASE,
                    "Subquery returns more than 1 row"));
            assertThat(staged.failure(3)).isEmpty();
        }
    }

    @Test
    void batches_finished_out_of_order_are_joined_in_order_each_byte_written_once() throws Exception {
        try (StagedOutput staged = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            StagedOutput.Part third = staged.createPart(3);
            StagedOutput.Part second = staged.createPart(2);
            assertThat(third.joined()).as("batch 1 is not in yet").isFalse();
            write(staged, third, "ccc");
            write(staged, second, "bb");
            assertThat(joinedFile()).doesNotExist();
            StagedOutput.Part first = staged.createPart(1);
            assertThat(first.joined()).as("the next batch in order goes straight into the file").isTrue();
            write(staged, first, "a");

            StagedOutput.Assembled file = staged.assemble(List.of(1, 2, 3), FILE);
            assertThat(Files.readString(file.path())).isEqualTo("abbccc");
            assertThat(file.bytes()).isEqualTo(6);
            assertThat(file.sha256()).isEqualTo(sha256("abbccc"));
            for (int batch = 1; batch <= 3; batch++) {
                assertThat(staged.isDone(batch)).isTrue();
                assertThat(Files.size(staging().resolve(String.format("%06d.done", batch)))).as("emptied once joined").isZero();
            }
            Path published = staged.place(file, FILE);
            assertThat(Files.readString(published)).isEqualTo("abbccc");
        }
    }

    @Test
    void bytes_a_crash_left_past_the_recorded_length_are_cut_off_on_resume() throws Exception {
        try (StagedOutput staged = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            write(staged, staged.createPart(1), "first|");
        }
        // Killed while writing batch 2 straight into the file: its bytes are there, unrecorded.
        Files.writeString(joinedFile(), "half of batch 2", StandardOpenOption.APPEND);
        try (StagedOutput resumed = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            assertThat(resumed.isDone(1)).isTrue();
            assertThat(resumed.isDone(2)).isFalse();
            assertThat(Files.readString(joinedFile())).isEqualTo("first|");
            StagedOutput.Part third = resumed.createPart(3);
            StagedOutput.Part second = resumed.createPart(2);
            write(resumed, third, "third");
            write(resumed, second, "second|");
            StagedOutput.Assembled file = resumed.assemble(List.of(1, 2, 3), FILE);
            assertThat(Files.readString(file.path())).isEqualTo("first|second|third");
            assertThat(file.sha256()).as("the checksum covers the bytes kept from before the crash").isEqualTo(
                    sha256("first|second|third"));
        }
    }

    @Test
    void the_coordinator_joins_the_parts_workers_leave_as_they_arrive() throws Exception {
        try (StagedOutput coordinator = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            StagedOutput worker = StagedOutput.join(out, "run", "plan").orElseThrow();
            for (int batch : new int[] {2, 1}) {
                StagedOutput.Part part = worker.createPart(batch);
                assertThat(part.joined()).as("a worker never writes the output file").isFalse();
                write(worker, part, "<" + batch + ">");
            }
            assertThat(joinedFile()).doesNotExist();
            coordinator.appendFinished();
            assertThat(Files.readString(joinedFile())).isEqualTo("<1><2>");
            write(worker, worker.createPart(3), "<3>");
            assertThat(Files.readString(coordinator.assemble(List.of(1, 2, 3), FILE).path())).isEqualTo("<1><2><3>");
        }
    }

    @Test
    void a_file_published_before_a_crash_is_not_joined_again_and_one_lost_is_exported_again() throws Exception {
        try (StagedOutput staged = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            for (int batch = 1; batch <= 3; batch++) {
                write(staged, staged.createPart(batch), "batch " + batch + "\n");
            }
            staged.place(staged.assemble(List.of(1, 2, 3), FILE), FILE);
        }
        try (StagedOutput resumed = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            assertThat(resumed.isDone(3)).isTrue();
            StagedOutput.Assembled file = resumed.assemble(List.of(1, 2, 3), FILE);
            assertThat(file.sha256()).isEqualTo(sha256("batch 1\nbatch 2\nbatch 3\n"));
        }
        Files.writeString(out.resolve(FILE), "something else");
        try (StagedOutput resumed = StagedOutput.open(out, "run", THREE_BATCHES, "plan", false)) {
            assertThat(resumed.isDone(1)).as("its bytes are gone: exported again").isFalse();
            assertThat(resumed.isDone(3)).isFalse();
        }
    }

    private static void write(StagedOutput staged, StagedOutput.Part part, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (var channel = part.channel()) {
            channel.write(ByteBuffer.wrap(bytes));
            channel.force(true);
        }
        staged.commitPart(part, new BatchStats(part.batch(), 1, bytes.length, bytes.length));
    }

    private Path staging() {
        return out.resolve(".dumper").resolve("run");
    }

    private Path joinedFile() {
        return staging().resolve(FILE + ".joined");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Path> lockFiles() throws IOException {
        try (Stream<Path> files = Files.list(out.resolve(".dumper"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".lock")).toList();
        }
    }
}
