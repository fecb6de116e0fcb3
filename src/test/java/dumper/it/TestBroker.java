package dumper.it;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * RabbitMQ for the scale-out tests, on the first of: {@code DUMPER_TEST_AMQP_HOST} (with
 * {@code _PORT}, {@code _USER}, {@code _PASSWORD}); RabbitMQ in Testcontainers when Docker
 * answers; the local broker on 127.0.0.1:5672 as guest. Queues get a prefix of their own per
 * test run, and are deleted when the test JVM exits.
 */
final class TestBroker {

    static String host;
    static int port;
    static String user;
    static String password;
    static String prefix;
    private static RabbitMQContainer container;

    private TestBroker() {
    }

    /** The application settings for this broker; starts it (or picks it) on first use. */
    static synchronized Map<String, String> config() {
        if (prefix == null) {
            choose();
            prefix = "dumper-it-" + UUID.randomUUID().toString().substring(0, 8);
            Runtime.getRuntime().addShutdownHook(new Thread(TestBroker::cleanUp, "delete-test-queues"));
        }
        Map<String, String> config = new HashMap<>();
        config.put("dumper.queue.host", host);
        config.put("dumper.queue.port", String.valueOf(port));
        config.put("dumper.queue.username", user);
        config.put("dumper.queue.password", password);
        config.put("dumper.queue.prefix", prefix);
        return config;
    }

    private static void choose() {
        String explicit = System.getenv("DUMPER_TEST_AMQP_HOST");
        if (explicit != null && !explicit.isBlank()) {
            host = explicit;
            port = Integer.parseInt(System.getenv().getOrDefault("DUMPER_TEST_AMQP_PORT", "5672"));
            user = System.getenv().getOrDefault("DUMPER_TEST_AMQP_USER", "guest");
            password = System.getenv().getOrDefault("DUMPER_TEST_AMQP_PASSWORD", "guest");
        } else if (dockerAvailable()) {
            container = new RabbitMQContainer("rabbitmq:4-management");
            container.start();
            host = container.getHost();
            port = container.getAmqpPort();
            user = container.getAdminUsername();
            password = container.getAdminPassword();
        } else {
            host = "127.0.0.1";
            port = 5672;
            user = "guest";
            password = "guest";
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static Connection connect() throws IOException, TimeoutException {
        config();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        return factory.newConnection("dumper-tests");
    }

    static String batches() {
        return prefix + ".batches";
    }

    static String dead() {
        return prefix + ".batches.dead";
    }

    /** Empties both queues, so one test's leftovers never reach the next test's workers. */
    static void purge() {
        for (String queue : new String[] {batches(), dead()}) {
            // A channel per queue: purging a queue not declared yet closes its channel.
            try (Connection c = connect(); Channel channel = c.createChannel()) {
                channel.queuePurge(queue);
            } catch (IOException notDeclaredYet) {
                // Nothing was ever queued there.
            } catch (TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void cleanUp() {
        try (Connection c = connect(); Channel channel = c.createChannel()) {
            channel.queueDelete(batches());
            channel.queueDelete(dead());
        } catch (IOException | TimeoutException | RuntimeException e) {
            System.err.println("could not delete the test queues " + prefix + ".*: " + e.getMessage());
        }
        if (container != null) {
            container.stop();
        }
    }
}
