package dumper.it;

import static dumper.it.ItSupport.readCsv;
import static dumper.it.ItSupport.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A table whose columns change while a run reads it (or between a run and its resume) must not
 * end as one file of rows in two shapes: the run stops with exit 8, naming the columns, keeps
 * its finished batches, and {@code --fresh} exports them all with the new columns. The ALTER
 * comes while a batch waits at the {@link Gate}: it waits for that batch's metadata lock, and
 * the next batch waits for the ALTER, so the change falls exactly between two batches.
 */
@Tag("faults")
class SchemaDriftIT {

    private static final String FILE_DAYS = "_2024-01-01_2024-01-28.csv.gz";

    private Process process;
    private Process worker;

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process started : new Process[] {process, worker}) {
            if (started != null) {
                PackagedApp.kill9(started);
            }
        }
        if (worker != null) {
            // The batches after the change, queued or dead-lettered, are no other test's messages.
            TestBroker.purge();
        }
    }

    @Test
    void a_column_added_between_batches_stops_the_run() throws Exception {
        assertAlterStopsTheRun("driftadd", "ALTER TABLE driftadd ADD COLUMN note VARCHAR(20) DEFAULT 'new'",
                "column note added (VARCHAR)");
    }

    @Test
    void a_column_dropped_between_batches_stops_the_run() throws Exception {
        assertAlterStopsTheRun("driftdrop", "ALTER TABLE driftdrop DROP COLUMN notes", "column notes dropped");
    }

    @Test
    void columns_reordered_between_batches_stop_the_run_instead_of_swapping_values() throws Exception {
        assertAlterStopsTheRun("driftswap", "ALTER TABLE driftswap MODIFY COLUMN notes TEXT NULL AFTER id",
                "column notes moved from position 3 to 2");
    }

    @Test
    void columns_changed_under_a_distributed_run_stop_the_coordinator_with_exit_8() throws Exception {
        String type = "driftqueued";
        Path out = ItSupport.newOutputDir(type);
        Map<String, String> config = driftType(type);
        TestBroker.purge();
        // The worker writes into the coordinator's output directory, as on shared storage.
        Map<String, String> workerConfig = new HashMap<>(config);
        workerConfig.putAll(Map.of("dumper.output-dir", out.toString(), "quarkus.http.port", "0"));
        worker = PackagedApp.start(out.resolve("worker.log"), workerConfig, "worker");
        String[] distributed = {"--dump", type, "2024-01-01", "2024-01-28", "--output-dir", out.toString(), "--distributed"};
        try (Gate gate = Gate.closedFor("2024-01-08")) {
            process = PackagedApp.start(out.resolve("run.log"), config, Map.of(), distributed);
            gate.awaitWaiting(1, worker);
            alterBetweenBatches(gate, "ALTER TABLE driftqueued ADD COLUMN note VARCHAR(20) DEFAULT 'new'");
        }
        // Before, the coordinator ended with exit 4 (a database error to retry) after the worker
        // had tried the batch three times.
        List<String> lines = awaitEnd(out.resolve("run.log"), 8);
        assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).singleElement().asString()
                .contains("failed on the workers", "columns of type driftqueued changed", "column note added (VARCHAR)");
        assertThat(ItSupport.visibleFiles(out)).allMatch(p -> p.toString().endsWith(".log"));
        assertThat(Files.readString(out.resolve("worker.log"))).doesNotContain("attempt 1 of");
    }

    @Test
    void columns_changed_between_a_run_and_its_resume_stop_the_resume_and_fresh_exports_the_new_shape() throws Exception {
        String type = "driftresume";
        Path out = ItSupport.newOutputDir(type);
        Map<String, String> config = driftType(type);
        try (Gate gate = Gate.closedFor("2024-01-15")) {
            process = PackagedApp.start(out.resolve("first.log"), config, Map.of(), args(type, out));
            gate.awaitWaiting(1, process);
            PackagedApp.kill9(process);
            process = null;
            alterBetweenBatches(gate, "ALTER TABLE driftresume ADD COLUMN note VARCHAR(20) DEFAULT 'new'");
        }

        List<String> resumed = runToEnd(out.resolve("resumed.log"), config, args(type, out), 8);
        assertThat(resumed.stream().filter(l -> l.startsWith("dumper: "))).singleElement().asString()
                .contains("columns of type driftresume changed", "column note added (VARCHAR)",
                        "The 2 finished batches are kept", "--fresh");
        assertThat(ItSupport.visibleFiles(out)).allMatch(p -> p.toString().endsWith(".log"));

        String[] fresh = {"--dump", type, "2024-01-01", "2024-01-28", "--output-dir", out.toString(), "--fresh"};
        runToEnd(out.resolve("fresh.log"), config, fresh, 0);
        List<List<String>> csv = readCsv(out.resolve(type + FILE_DAYS));
        assertThat(csv.get(0)).containsExactly("id", "event_time", "notes", "note");
        assertThat(csv.subList(1, csv.size())).hasSize(rows(type)).allMatch(row -> row.size() == 4 && "new".equals(row.get(3)));
    }

    /**
     * Runs {@code type} over four weekly batches, changes its table with {@code alter} after the
     * second, and expects exit 8 naming {@code change}, with the two finished batches kept.
     */
    private void assertAlterStopsTheRun(String type, String alter, String change) throws Exception {
        Path out = ItSupport.newOutputDir(type);
        Map<String, String> config = driftType(type);
        try (Gate gate = Gate.closedFor("2024-01-08")) {
            process = PackagedApp.start(out.resolve("run.log"), config, Map.of(), args(type, out));
            gate.awaitWaiting(1, process);
            alterBetweenBatches(gate, alter);
        }
        List<String> lines = awaitEnd(out.resolve("run.log"), 8);
        assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).singleElement().asString()
                .contains("columns of type " + type + " changed", "batch 3 returns " + change,
                        "The 2 finished batches are kept", "--fresh");
        assertThat(ItSupport.visibleFiles(out)).allMatch(p -> p.toString().endsWith(".log"));
        Path staged = out.resolve(".dumper/" + type + FILE_DAYS);
        assertThat(staged.resolve("000002.stats")).exists();
        assertThat(staged.resolve("000003.stats")).doesNotExist();
    }

    /**
     * Starts {@code alter}, which waits for the metadata lock of the batch held at the gate, then
     * opens the gate: that batch ends with the old columns, every later one sees the new ones.
     */
    private static void alterBetweenBatches(Gate gate, String alter) throws Exception {
        CompletableFuture<Void> altered = CompletableFuture.runAsync(() -> update(alter));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
        while (ItSupport.query("SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND info LIKE "
                + "'ALTER TABLE%' AND state LIKE 'Waiting for table metadata lock'").isEmpty()) {
            assertThat(altered).as("the ALTER waits for the held batch").isNotDone();
            assertThat(System.nanoTime()).as("the ALTER shows up waiting").isLessThan(deadline);
            Thread.sleep(20);
        }
        gate.close();
        altered.join();
    }

    private List<String> awaitEnd(Path log, int exitCode) throws Exception {
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)).as("the run ended").isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isEqualTo(exitCode);
        process = null;
        return lines;
    }

    private List<String> runToEnd(Path log, Map<String, String> config, String[] args, int exitCode) throws Exception {
        process = PackagedApp.start(log, config, Map.of(), args);
        return awaitEnd(log, exitCode);
    }

    private static String[] args(String type, Path out) {
        return new String[] {"--dump", type, "2024-01-01", "2024-01-28", "--output-dir", out.toString()};
    }

    /** A table of its own with four weeks of events, and a gated type reading all its columns, one batch at a time. */
    private static Map<String, String> driftType(String type) {
        TestDatabase.ensureStarted();
        update("CREATE TABLE " + type + " AS SELECT id, event_time, notes FROM vaccination_event "
                + "WHERE event_time >= '2024-01-01' AND event_time < '2024-01-29'");
        Map<String, String> config = new HashMap<>(TestDatabase.type(type, Gate.GATED_QUERY
                .replace("SELECT e.id, e.event_time, e.notes FROM vaccination_event e", "SELECT e.* FROM " + type + " e"),
                "required"));
        config.put("dumper.dumps." + type + ".batch", "P7D");
        config.put("dumper.dumps." + type + ".threads", "1");
        return config;
    }

    private static int rows(String table) {
        return Integer.parseInt(ItSupport.query("SELECT COUNT(*) FROM " + table).get(0).get(0));
    }
}
