package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

/**
 * Crafted queue messages: a worker plans every batch from its own configuration, so a message
 * that names another output directory, a path-traversing file name, an unknown type or another
 * plan lands in the dead-letter queue with its reason, and nothing is written anywhere.
 */
@Tag("faults")
class UntrustedMessagesIT {

    private Process worker;

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            PackagedApp.kill9(worker);
        }
        TestBroker.purge();
    }

    @Test
    void crafted_messages_go_to_the_dead_letter_queue_and_write_nothing() throws Exception {
        // Its dead letters are read in order: none of another test's may be there first.
        TestBroker.purge();
        Path out = ItSupport.newOutputDir("worker-own");
        Path attacker = ItSupport.newOutputDir("attacker");
        Files.createDirectories(attacker.resolve(".dumper"));
        Path victim = Files.createDirectories(attacker.resolve("victim"));
        Path log = TestDatabase.outputDir.resolve(out.getFileName() + "-worker.log");
        worker = PackagedApp.start(log, Map.of("quarkus.http.port", "0", "dumper.output-dir", out.toString(),
                "dumper.queue.attempts", "1"), "worker");
        PackagedApp.awaitLine(log, "worker consuming", worker, PackagedApp.PATIENCE_SECONDS);

        String week = "2024-01-01 00:00:00.000000";
        String weekEnd = "2024-01-08 00:00:00.000000";
        String file = "zm_2024-01-01_2024-01-07.csv.gz";
        List<Map<String, Object>> messages = List.of(
                // The report's attack: the worker created a directory and wrote message text outside its output directory.
                message("zm", week, weekEnd, attacker.toString(), "../victim", "x"),
                message("zm", week, weekEnd, out.toString(), "../../victim", "x"),
                message("nosuchtype", week, weekEnd, out.toString(), file, "x"),
                message("zm", week, weekEnd, out.resolve("sub/..").toString(), file, "not the plan"),
                // No type at all: it once killed the consumer with a NullPointerException.
                message(null, week, weekEnd, out.toString(), file, "x"));
        try (Connection c = TestBroker.connect(); Channel channel = c.createChannel()) {
            for (Map<String, Object> message : messages) {
                channel.basicPublish("", TestBroker.batches(), MessageProperties.PERSISTENT_TEXT_PLAIN,
                        new ObjectMapper().writeValueAsBytes(message));
            }
            List<String> reasons = deadLetters(channel, messages.size());
            assertThat(reasons).hasSize(5);
            assertThat(reasons.get(0)).contains("output directory " + attacker);
            assertThat(reasons.get(1)).contains("file ../../victim");
            assertThat(reasons.get(2)).contains("unknown dump type 'nosuchtype'");
            assertThat(reasons.get(3)).contains("plan of " + file + " differs");
            assertThat(reasons.get(4)).contains("the message names no dump type");
        }
        try (Stream<Path> written = Files.walk(attacker)) {
            assertThat(written.map(attacker::relativize).map(Path::toString))
                    .containsExactlyInAnyOrder("", ".dumper", "victim");
        }
        assertThat(victim).isEmptyDirectory();
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written).isEmpty();
        }
    }

    private static Map<String, Object> message(String type, String start, String end, String outputDir, String fileName,
            String fingerprint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", "crafted");
        m.put("type", type);
        m.put("start", start);
        m.put("end", end);
        m.put("batchSize", "P7D");
        m.put("fingerprint", fingerprint);
        m.put("outputDir", outputDir);
        m.put("fileName", fileName);
        m.put("batch", 1);
        m.put("attempt", 1);
        return m;
    }

    /** The x-dumper-error of the first {@code count} dead letters, in the order they died (one consumer: sent order). */
    private static List<String> deadLetters(Channel channel, int count) throws Exception {
        List<String> reasons = new ArrayList<>();
        long deadline = System.nanoTime() + PackagedApp.PATIENCE_SECONDS * 1_000_000_000L;
        while (reasons.size() < count && System.nanoTime() < deadline) {
            GetResponse response = channel.basicGet(TestBroker.dead(), true);
            if (response == null) {
                Thread.sleep(100);
                continue;
            }
            Object error = response.getProps().getHeaders() == null ? null : response.getProps().getHeaders().get("x-dumper-error");
            reasons.add(String.valueOf(error));
        }
        return reasons;
    }
}
