package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * RabbitMQ faults. A distributed run's coordinator whose broker loses its batches queues them
 * again, and one whose broker stays down gives up after dumper.queue.broker-timeout with exit
 * code 10, instead of waiting for workers for ever. A worker whose broker goes away, or that gets
 * SIGTERM with a batch in hand, says so in lines an operator reads: no stack trace.
 */
@Tag("faults")
class BrokerFaultsIT {

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

    private final List<Process> processes = new ArrayList<>();
    private TcpProxy proxy;
    private Path out;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process process : processes) {
            PackagedApp.kill9(process);
        }
        if (proxy != null) {
            proxy.stop();
        }
        TestBroker.purge();
        ItSupport.printLogs(out);
    }

    @Test
    void batches_the_broker_lost_are_queued_again() throws Exception {
        out = ItSupport.newOutputDir("broker-lost");
        Process coordinator = start("coordinator", TestBroker.config(), "--dump", "zm", "2024-01-01", "2024-01-28", "--batch",
                "P7D", "--distributed", "--output-dir", out.toString());
        PackagedApp.awaitLine(out.resolve("coordinator.log"), "4 batch(es) queued", coordinator, PackagedApp.PATIENCE_SECONDS);
        // As a broker restarted without its messages: the queue is empty, and no worker took any.
        TestBroker.purge();
        assertThat(ready()).isZero();
        start("worker", workerConfig(TestBroker.config()), "worker");

        assertThat(coordinator.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the coordinator finished").isTrue();
        String log = Files.readString(out.resolve("coordinator.log"));
        assertThat(coordinator.exitValue()).as(log).isZero();
        assertThat(log).contains("queueing them again");
        assertThat(ItSupport.readCsv(out.resolve("zm_2024-01-01_2024-01-28.csv.gz"))).hasSizeGreaterThan(1);
    }

    @Test
    void a_broker_that_stays_down_ends_the_run_with_exit_code_10() throws Exception {
        out = ItSupport.newOutputDir("broker-down");
        TestBroker.config();
        proxy = new TcpProxy(TestBroker.host, TestBroker.port);
        proxy.start();
        Map<String, String> config = new HashMap<>(TestBroker.config());
        config.put("dumper.queue.host", "127.0.0.1");
        config.put("dumper.queue.port", String.valueOf(proxy.port()));
        config.put("dumper.queue.broker-timeout", "PT6S");
        Process coordinator = start("coordinator", config, "--dump", "zm", "2024-01-01", "2024-01-28", "--batch", "P7D",
                "--distributed", "--output-dir", out.toString());
        PackagedApp.awaitLine(out.resolve("coordinator.log"), "4 batch(es) queued", coordinator, PackagedApp.PATIENCE_SECONDS);
        proxy.stop();
        long began = System.nanoTime();

        assertThat(coordinator.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the coordinator gave up").isTrue();
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
        List<String> lines = Files.readAllLines(out.resolve("coordinator.log"));
        assertThat(coordinator.exitValue()).as(String.join("\n", lines)).isEqualTo(10);
        assertThat(lines.stream().filter(l -> l.startsWith("dumper: "))).singleElement().asString()
                .contains("has not answered for PT6S (dumper.queue.broker-timeout)", "are kept");
        assertThat(seconds).as("seconds from the broker's loss to the exit").isBetween(6L, (long) PackagedApp.PATIENCE_SECONDS);
    }

    @Test
    void sigterm_with_a_batch_in_hand_hands_it_back_without_a_stack_trace() throws Exception {
        out = ItSupport.newOutputDir("worker-sigterm");
        // The second week: the coordinator's EXPLAIN (of the first) passes, the worker stops mid-batch.
        try (Gate gate = Gate.closedFor("2024-01-08")) {
            Process worker = start("worker", workerConfig(TestBroker.config()), "worker");
            Process coordinator = start("coordinator", Map.of(), "--dump", "gatezm", "2024-01-01", "2024-01-28", "--distributed",
                    "--output-dir", out.toString());
            PackagedApp.awaitLine(out.resolve("coordinator.log"), "batch(es) queued", coordinator, PackagedApp.PATIENCE_SECONDS);
            gate.awaitWaiting(1, worker);

            worker.destroy();
            assertThat(worker.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the worker stopped").isTrue();
        }
        String log = Files.readString(out.resolve("worker.log"));
        assertThat(log).contains("handed back to the queue");
        assertThat(log).doesNotContainPattern(STACK_FRAME);
    }

    @Test
    void a_broker_that_goes_away_is_logged_in_lines_without_a_stack_trace() throws Exception {
        out = ItSupport.newOutputDir("worker-broker-gone");
        TestBroker.config();
        proxy = new TcpProxy(TestBroker.host, TestBroker.port);
        proxy.start();
        Map<String, String> broker = new HashMap<>(TestBroker.config());
        broker.put("dumper.queue.host", "127.0.0.1");
        broker.put("dumper.queue.port", String.valueOf(proxy.port()));
        Process worker = start("worker", workerConfig(broker), "worker");
        PackagedApp.awaitLine(out.resolve("worker.log"), "worker consuming", worker, PackagedApp.PATIENCE_SECONDS);

        proxy.stop();
        PackagedApp.awaitLine(out.resolve("worker.log"), "lost the connection to RabbitMQ", worker, PackagedApp.PATIENCE_SECONDS);
        worker.destroy();
        assertThat(worker.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("the worker stopped").isTrue();
        String log = Files.readString(out.resolve("worker.log"));
        assertThat(log).doesNotContainPattern(STACK_FRAME);
        assertThat(log.split("lost the connection to RabbitMQ", -1)).as("one line for the loss").hasSize(2);
    }

    private Map<String, String> workerConfig(Map<String, String> broker) {
        Map<String, String> config = new HashMap<>(broker);
        config.put("quarkus.http.port", "0");
        config.put("dumper.output-dir", out.toString());
        // On a busy machine Vert.x warns, with a stack trace, of event loops blocked for 2 s: not the subject here.
        config.put("quarkus.vertx.max-event-loop-execute-time", "60S");
        config.put("quarkus.vertx.warning-exception-time", "60S");
        return config;
    }

    private Process start(String name, Map<String, String> config, String... args) {
        Process process = PackagedApp.start(out.resolve(name + ".log"), config, args);
        processes.add(process);
        return process;
    }

    /** Messages ready in the test's batch queue. */
    private static long ready() throws Exception {
        try (Connection c = TestBroker.connect(); Channel channel = c.createChannel()) {
            return channel.queueDeclarePassive(TestBroker.batches()).getMessageCount();
        }
    }
}
