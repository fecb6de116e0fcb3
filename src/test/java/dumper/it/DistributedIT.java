package dumper.it;

import static dumper.it.ItSupport.assertFailedMidRun;
import static dumper.it.ItSupport.reportEntries;
import static dumper.it.ItSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import io.quarkus.test.junit.main.QuarkusMainLauncher;

/**
 * Runs whose batches are shared by {@code dumper worker} processes over the real RabbitMQ:
 * the same file as one process, whatever gets killed, and a poison batch that fails its run.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class DistributedIT {

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (Process process : processes) {
            PackagedApp.kill9(process);
        }
        TestBroker.purge();
    }

    private Process worker(Path dir, String name) {
        // A worker writes only into its own output directory: the coordinator's, on shared storage.
        Process worker = PackagedApp.start(dir.resolve(name + ".log"),
                Map.of("quarkus.http.port", "0", "dumper.output-dir", dir.toString()), "worker");
        processes.add(worker);
        return worker;
    }

    private static Path reference(QuarkusMainLauncher launcher, String type, String start, String end) {
        Path out = ItSupport.newOutputDir("reference");
        LaunchResult result = launcher.launch("--dump", type, start, end, "--output-dir", out.toString());
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        return out;
    }

    @Test
    void three_workers_make_the_same_file_as_one_process(QuarkusMainLauncher launcher) {
        String file = "zm_2024-01-01_2024-06-30.csv.gz";
        Path reference = reference(launcher, "zm", "2024-01-01", "2024-06-30");
        Path out = ItSupport.newOutputDir("distributed");
        for (int i = 1; i <= 3; i++) {
            worker(out, "worker-" + i);
        }
        LaunchResult result = launcher.launch("--dump", "zm", "2024-01-01", "2024-06-30", "--distributed",
                "--output-dir", out.toString(), "--fresh");
        assertThat(result.exitCode()).as(result.getErrorOutput()).isZero();
        assertThat(result.getErrorOutput()).contains("26 batch(es) queued");
        assertThat(sha256(out.resolve(file))).isEqualTo(sha256(reference.resolve(file)));
        assertThat(reportEntries(file)).isEqualTo(1);
        assertThat(logsOf(out)).as("every worker took batches").allSatisfy(log -> assertThat(log).contains("done"));
    }

    @Test
    void a_distributed_run_that_would_replace_a_published_file_fails_with_the_reason(QuarkusMainLauncher launcher) {
        ReplaceIT.createTheChangingTable();
        ItSupport.update("INSERT INTO changing_event VALUES (201, '2024-03-04 10:00:00', 'x')");
        Path out = ItSupport.newOutputDir("distributed-replace");
        worker(out, "worker");
        String[] run = {"--dump", "changingzm", "2024-03-01", "2024-03-14", "--distributed", "--output-dir", out.toString()};
        LaunchResult first = launcher.launch(run);
        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();

        ItSupport.update("INSERT INTO changing_event VALUES (202, '2024-03-05 10:00:00', 'y')");
        LaunchResult refused = launcher.launch(run);
        assertThat(refused.exitCode()).as(refused.getErrorOutput()).isEqualTo(7);
        assertThat(refused.getErrorOutput()).contains("already published with other content", "this run: 2 rows");
        assertThat(ItSupport.query("SELECT row_count FROM dump_report WHERE file_name = ?",
                "changingzm_2024-03-01_2024-03-14.csv.gz")).containsExactly(List.of("1"));
    }

    @Test
    void a_worker_killed_mid_batch_is_replaced_and_the_file_is_the_same(QuarkusMainLauncher launcher) throws Exception {
        String file = "gatezm_2024-01-01_2024-01-28.csv.gz";
        Path reference = reference(launcher, "gatezm", "2024-01-01", "2024-01-28");
        Path out = ItSupport.newOutputDir("killed-worker");
        Process coordinator;
        try (Gate gate = Gate.closedFor("2024-01-01")) {
            Process doomed = worker(out, "doomed");
            coordinator = PackagedApp.start(out.resolve("coordinator.log"), "--dump", "gatezm", "2024-01-01",
                    "2024-01-28", "--distributed", "--output-dir", out.toString());
            processes.add(coordinator);
            // The worker took the first batch and its query waits at the gate: it is mid-batch.
            gate.awaitWaiting(1, doomed);
            PackagedApp.kill9(doomed);
            worker(out, "replacement");
        }

        assertThat(coordinator.waitFor()).as(Files.readString(out.resolve("coordinator.log"))).isZero();
        assertThat(sha256(out.resolve(file))).isEqualTo(sha256(reference.resolve(file)));
        assertThat(reportEntries(file)).isEqualTo(1);
    }

    @Test
    void batches_refused_by_a_worker_that_cannot_plan_them_end_the_run_with_its_reason_instead_of_a_wait_for_ever()
            throws Exception {
        Path out = ItSupport.newOutputDir("refused");
        // No shared volume and no bucket: the worker refuses every batch, and leaves no mark in the coordinator's staging area.
        worker(ItSupport.newOutputDir("refused-elsewhere"), "worker");
        Process coordinator = PackagedApp.start(out.resolve("coordinator.log"), "--dump", "zm", "2024-01-01", "2024-01-28",
                "--distributed", "--output-dir", out.toString());
        processes.add(coordinator);
        assertThat(coordinator.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as(Files.readString(out.resolve("coordinator.log"))).isTrue();
        String log = Files.readString(out.resolve("coordinator.log"));
        assertThat(coordinator.exitValue()).as(log).isEqualTo(3);
        assertThat(log.lines().filter(line -> line.startsWith("dumper: ")))
                .singleElement().asString()
                .contains("was refused by a worker", "give workers the coordinator's dumper.output-dir");
    }

    @Test
    void a_poison_batch_goes_to_the_dead_letter_queue_and_fails_the_run(QuarkusMainLauncher launcher) throws Exception {
        Path out = ItSupport.newOutputDir("poison");
        worker(out, "worker");
        LaunchResult result = launcher.launch("--dump", "poisonzm", "2024-01-01", "2024-02-29", "--distributed",
                "--output-dir", out.toString());
        assertFailedMidRun(result, 4, null, "failed on the workers", "Subquery returns more than 1 row");
        assertThat(out.resolve("poisonzm_2024-01-01_2024-02-29.csv.gz")).doesNotExist();
        try (Connection c = TestBroker.connect(); Channel channel = c.createChannel()) {
            assertThat(channel.messageCount(TestBroker.dead())).isPositive();
        }
    }

    @Test
    void a_coordinator_killed_mid_run_is_started_again_and_publishes_once(QuarkusMainLauncher launcher) throws Exception {
        String file = "gatezm_2024-02-01_2024-02-28.csv.gz";
        Path reference = reference(launcher, "gatezm", "2024-02-01", "2024-02-28");
        Path out = ItSupport.newOutputDir("killed-coordinator");
        try (Gate gate = Gate.closedFor("2024-02-08", "2024-02-15", "2024-02-22")) {
            Process worker = worker(out, "worker");
            Process coordinator = PackagedApp.start(out.resolve("coordinator.log"), "--dump", "gatezm", "2024-02-01",
                    "2024-02-28", "--distributed", "--output-dir", out.toString());
            processes.add(coordinator);
            PackagedApp.awaitFile(out.resolve(".dumper/" + file + "/000001.done"), coordinator, PackagedApp.PATIENCE_SECONDS);
            gate.awaitWaiting(1, worker);
            PackagedApp.kill9(coordinator);
        }

        LaunchResult again = launcher.launch("--dump", "gatezm", "2024-02-01", "2024-02-28", "--distributed",
                "--output-dir", out.toString());
        assertThat(again.exitCode()).as(again.getErrorOutput()).isZero();
        assertThat(again.getErrorOutput()).contains("already finished");
        assertThat(sha256(out.resolve(file))).isEqualTo(sha256(reference.resolve(file)));
        assertThat(reportEntries(file)).isEqualTo(1);
    }

    @Test
    void a_distributed_run_with_no_worker_says_so_and_what_a_stop_leaves() throws Exception {
        Path out = ItSupport.newOutputDir("no-worker");
        Path log = out.resolve("coordinator.log");
        Process coordinator = PackagedApp.start(log, "--dump", "zm", "2024-01-01", "2024-01-14", "--distributed",
                "--output-dir", out.toString());
        processes.add(coordinator);
        PackagedApp.awaitLine(log, "no worker is consuming", coordinator, PackagedApp.PATIENCE_SECONDS);
        assertThat(Files.readString(log)).contains("they stay queued", "the same command then resumes");

        new ProcessBuilder("kill", "-INT", String.valueOf(coordinator.pid())).start().waitFor();
        assertThat(coordinator.waitFor(PackagedApp.PATIENCE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(coordinator.exitValue()).as(Files.readString(log)).isEqualTo(130);
    }

    private static List<String> logsOf(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("worker-")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
