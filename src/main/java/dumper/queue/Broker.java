package dumper.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * The RabbitMQ side: connections, the two durable queues ({@code <prefix>.batches} and its
 * dead-letter queue {@code <prefix>.batches.dead}), and JSON messages. The RabbitMQ Java client
 * is used directly rather than through reactive messaging, for explicit prefetch, manual
 * acknowledgements and publisher confirms, and so that only the processes that need the broker
 * (workers and distributed runs) ever connect to it.
 */
@ApplicationScoped
public class Broker {

    private final DumperConfig.Queue config;
    private final ObjectMapper json;

    Broker(DumperConfig config, ObjectMapper json) {
        this.config = config.queue();
        this.json = json;
    }

    public String batchQueue() {
        return config.prefix() + ".batches";
    }

    public String deadQueue() {
        return config.prefix() + ".batches.dead";
    }

    public int attempts() {
        return Math.max(1, config.attempts());
    }

    public Connection connect(String name) {
        ConnectionFactory factory = factory();
        factory.setAutomaticRecoveryEnabled(true);
        try {
            return factory.newConnection(name);
        } catch (IOException | TimeoutException e) {
            throw new DumperException(ExitCode.DATABASE, "cannot connect to RabbitMQ at " + config.host() + ":" + config.port()
                    + " (vhost " + config.virtualHost() + ") as " + config.username() + ": " + e.getMessage()
                    + "; check dumper.queue.* and that the broker runs", e);
        }
    }

    /**
     * How many consumers (workers' channels) the batch queue has now; -1 when the broker cannot
     * say (the caller then says nothing).
     */
    public long consumerCount() {
        return probe(Duration.ofSeconds(5)).map(QueueCounts::consumers).orElse(-1L);
    }

    /** What the batch queue holds: messages ready for a worker, and consumers (each holds at most one batch). */
    public record QueueCounts(long ready, long consumers) {
    }

    /**
     * The batch queue's counts, or empty when the broker does not answer within {@code timeout}:
     * a connection of its own, without recovery, so that a broker that is down is seen as down.
     */
    public Optional<QueueCounts> probe(Duration timeout) {
        ConnectionFactory factory = factory();
        factory.setAutomaticRecoveryEnabled(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        factory.setConnectionTimeout(millis);
        factory.setHandshakeTimeout(millis);
        factory.setShutdownTimeout(millis);
        try (Connection connection = factory.newConnection("dumper-coordinator-probe");
                Channel channel = connection.createChannel()) {
            AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive(batchQueue());
            return Optional.of(new QueueCounts(queue.getMessageCount(), queue.getConsumerCount()));
        } catch (IOException | TimeoutException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A batch of one run that a worker refused, with the refusal's reason. */
    public record DeadLetter(int batch, String reason) {
    }

    /**
     * The first batch of run {@code runId} in the dead-letter queue, if any, read without taking
     * it: every message looked at goes back where it was. A worker that refuses a message it
     * cannot even plan (another output directory, a type it lacks) can tell its coordinator only
     * this way.
     */
    public Optional<DeadLetter> deadLetterOf(String runId) {
        try (Connection connection = connect("dumper-coordinator-dead-letters");
                Channel channel = connection.createChannel()) {
            long count = channel.queueDeclarePassive(deadQueue()).getMessageCount();
            Optional<DeadLetter> found = Optional.empty();
            for (long i = 0; i < count && found.isEmpty(); i++) {
                GetResponse response = channel.basicGet(deadQueue(), false);
                if (response == null) {
                    break;
                }
                found = deadLetterOf(runId, response);
            }
            // Unacknowledged, the messages looked at go back to the queue when the channel closes; say so at once.
            channel.basicRecover(true);
            return found;
        } catch (IOException | TimeoutException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<DeadLetter> deadLetterOf(String runId, GetResponse response) {
        try {
            BatchMessage message = read(response.getBody());
            Object reason = response.getProps().getHeaders() == null ? null
                    : response.getProps().getHeaders().get("x-dumper-error");
            return runId.equals(message.runId()) && reason != null
                    ? Optional.of(new DeadLetter(message.batch(), reason.toString()))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ConnectionFactory factory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.host());
        factory.setPort(config.port());
        factory.setUsername(config.username());
        factory.setPassword(config.password());
        factory.setVirtualHost(config.virtualHost());
        factory.setExceptionHandler(new OneLineExceptionHandler());
        return factory;
    }

    /** Where the broker is, for messages. */
    public String describe() {
        return config.host() + ":" + config.port();
    }

    /** Declares both queues; a batch nacked without requeue lands in the dead-letter queue. */
    public void declare(Channel channel) throws IOException {
        channel.queueDeclare(deadQueue(), true, false, false, null);
        channel.queueDeclare(batchQueue(), true, false, false,
                Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", deadQueue()));
    }

    /** Publishes persistently; the caller waits for confirms. */
    public void publish(Channel channel, String queue, BatchMessage message, String error) throws IOException {
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
                .contentType("application/json")
                .headers(error == null ? Map.of() : Map.of("x-dumper-error", error))
                .build();
        channel.basicPublish("", queue, properties, json.writeValueAsBytes(message));
    }

    public BatchMessage read(byte[] body) {
        try {
            return json.readValue(body, BatchMessage.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a batch message: " + e.getMessage(), e);
        }
    }
}
