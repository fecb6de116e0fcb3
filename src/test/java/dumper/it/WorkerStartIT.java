package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Connection;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * A worker says at start when its broker is too old to honour the consumer timeout it asks
 * for (before RabbitMQ 3.11.15), and says nothing when it is not.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class WorkerStartIT {

    @Test
    void the_worker_warns_exactly_when_the_broker_ignores_the_consumer_timeout() throws Exception {
        String version;
        try (Connection connection = TestBroker.connect()) {
            version = String.valueOf(connection.getServerProperties().get("version"));
        }
        Path log = ItSupport.newOutputDir("worker").resolve("worker.log");
        Process worker = PackagedApp.start(log, Map.of("quarkus.http.port", "0"), "worker");
        try {
            PackagedApp.awaitLine(log, "worker consuming", worker, PackagedApp.PATIENCE_SECONDS);
            String output = Files.readString(log);
            if (older(version, 3, 11, 15)) {
                assertThat(output).contains("RabbitMQ " + version + " ignores the consumer timeout", "consumer_timeout",
                        "rabbitmq.conf");
            } else {
                assertThat(output).doesNotContain("ignores the consumer timeout");
            }
        } finally {
            PackagedApp.kill9(worker);
        }
    }

    private static boolean older(String version, int... than) {
        int[] numbers = Arrays.stream(version.split("[^0-9]+")).filter(s -> !s.isEmpty()).limit(3).mapToInt(Integer::parseInt).toArray();
        return Arrays.compare(numbers, than) < 0;
    }
}
