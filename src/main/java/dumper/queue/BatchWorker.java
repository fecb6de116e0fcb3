package dumper.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;

import dumper.config.DumperConfig;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.core.OutOfMemory;
import dumper.export.BatchExport;
import dumper.export.BatchProgress;
import dumper.export.RunContext;
import dumper.export.SourceConnection;
import dumper.export.SourceDatabase;
import dumper.output.StagedOutput;
import dumper.plan.RunPlan;
import dumper.plan.RunPlanner;
import dumper.store.ObjectStore;

/**
 * {@code dumper worker}: takes one batch at a time (prefetch 1) per consumer, exports it into
 * the run's shared staging area with the same code as a local run (or, without that area, hands it
 * over through the type's bucket: {@link BucketHandOver}), and acknowledges only once the part is
 * durably under its final name. A worker killed mid-batch never acknowledges, so
 * the broker hands the batch to another worker, whose part replaces any partial one. A batch
 * that keeps failing goes to the dead-letter queue and is marked failed for its coordinator.
 */
@ApplicationScoped
public class BatchWorker {

    private static final Logger LOG = Logger.getLogger("dumper.worker");

    private final Broker broker;
    private final RunPlanner planner;
    private final BatchExport export;
    private final SourceDatabase database;
    private final MeterRegistry metrics;
    private final DumperConfig config;
    private final ObjectStore store;
    private final List<Consumer> consumers = new ArrayList<>();
    private Connection connection;

    BatchWorker(Broker broker, RunPlanner planner, BatchExport export, SourceDatabase database, MeterRegistry metrics,
            DumperConfig config, ObjectStore store) {
        this.broker = broker;
        this.planner = planner;
        this.export = export;
        this.database = database;
        this.metrics = metrics;
        this.config = config;
        this.store = store;
    }

    public synchronized void start() throws IOException {
        connection = broker.connect("dumper-worker");
        sayWhenTheBrokerGoesAndComes(connection);
        warnIfConsumerTimeoutIgnored(connection);
        for (int i = 0; i < Math.max(1, config.queue().workerConcurrency()); i++) {
            Channel channel = connection.createChannel();
            broker.declare(channel);
            channel.basicQos(1);
            Consumer consumer = new Consumer(channel);
            // Without this, RabbitMQ closes the channel of a consumer that holds a batch longer than
            // its consumer timeout (30 minutes by default), and the worker stops consuming.
            Map<String, Object> arguments = Map.of("x-consumer-timeout", config.queue().batchTimeout().toMillis());
            consumer.tag = channel.basicConsume(broker.batchQueue(), false, arguments, consumer);
            consumers.add(consumer);
        }
        LOG.infof("worker consuming %s with %d consumer(s)", broker.batchQueue(), consumers.size());
    }

    /**
     * One line when the broker goes away and one when it is back: the client reconnects by itself
     * (every 5 s) and its consumers take batches again, so an operator needs to know, not a trace.
     */
    private void sayWhenTheBrokerGoesAndComes(Connection connection) {
        connection.addShutdownListener(cause -> {
            if (!cause.isInitiatedByApplication()) {
                LOG.warnf("lost the connection to RabbitMQ at %s (%s); reconnecting by itself, batches in hand go back to "
                        + "the queue", broker.describe(), cause.getCause() != null ? cause.getCause() : cause.getReason());
            }
        });
        if (connection instanceof Recoverable recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    LOG.infof("RabbitMQ at %s is back; consuming again", broker.describe());
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                    // Said when the connection was lost.
                }
            });
        }
    }

    /** An old broker ignores the timeout asked for below; say so once, at start, with the way out. */
    private void warnIfConsumerTimeoutIgnored(Connection connection) {
        BrokerVersion.of(connection.getServerProperties().get("version"))
                .filter(version -> !version.honoursConsumerTimeout())
                .ifPresent(version -> LOG.warnf("RabbitMQ %s ignores the consumer timeout dumper asks for "
                        + "(dumper.queue.batch-timeout=%s; honoured from %s on): a batch held longer than the broker's "
                        + "consumer_timeout (30 minutes by default) closes this worker's channel; raise consumer_timeout "
                        + "in rabbitmq.conf above the slowest batch, or upgrade the broker", version,
                        config.queue().batchTimeout(), BrokerVersion.CONSUMER_TIMEOUT_ARGUMENT));
    }

    /**
     * SIGTERM: take no more batches; the one in hand stops and goes back to the queue. The
     * connection closes once the batches in hand are handed back (within the shutdown grace),
     * so the worker says so and nothing fails on a closed channel.
     */
    synchronized void onShutdown(@Observes ShutdownEvent event) {
        for (Consumer consumer : consumers) {
            consumer.stop();
        }
        long deadline = System.nanoTime() + config.serve().shutdownGrace().toNanos();
        while (consumers.stream().anyMatch(Consumer::busy) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(5000);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("closing the broker connection: %s", e.getMessage());
            }
        }
    }

    private final class Consumer extends DefaultConsumer {
        private volatile Cancellation current;
        private volatile boolean stopping;
        private volatile boolean busy;
        private String tag;
        private SourceConnection source;

        Consumer(Channel channel) {
            super(channel);
        }

        /** True while a batch is in hand, until it is acknowledged or handed back. */
        boolean busy() {
            return busy;
        }

        void stop() {
            stopping = true;
            try {
                getChannel().basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("cancelling the consumer: %s", e.getMessage());
            }
            Cancellation inHand = current;
            if (inHand != null) {
                inHand.request();
            }
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                throws IOException {
            long tag = envelope.getDeliveryTag();
            BatchMessage message;
            try {
                message = broker.read(body);
            } catch (IllegalArgumentException e) {
                LOG.errorf("dropping a message that is not a batch: %s", e.getMessage());
                getChannel().basicNack(tag, false, false);
                return;
            }
            LocalBatch local;
            try {
                local = LocalBatch.of(message, planner, store);
            } catch (LocalBatch.Refused e) {
                refused(message, e, tag);
                return;
            }
            String type = local.plan().type().name();
            if (envelope.isRedeliver()) {
                metrics.counter("dumper.batches.redelivered", "type", type).increment();
            }
            MDC.put("runId", message.runId());
            MDC.put("type", type);
            busy = true;
            try {
                export(local, message);
                metrics.counter("dumper.batches.consumed", "type", type).increment();
                getChannel().basicAck(tag, false);
            } catch (DumperException e) {
                if (e.exitCode == ExitCode.INTERRUPTED || stopping) {
                    LOG.infof("batch %d of %s handed back to the queue", message.batch(), local.plan().fileName());
                    handBack(tag);
                } else {
                    failed(message, local.plan(), e.exitCode, e.getMessage(), tag);
                }
            } catch (RuntimeException | IOException e) {
                failed(message, local.plan(), ExitCode.DATABASE, String.valueOf(e), tag);
            } catch (OutOfMemoryError e) {
                // Unacknowledged, the batch goes back to the queue; this worker starts again clean.
                throw OutOfMemory.halt(e);
            } finally {
                busy = false;
                MDC.remove("runId");
                MDC.remove("type");
            }
        }

        /**
         * Returns a batch to the queue. On SIGTERM the connection may be closing already: then the
         * broker requeues every unacknowledged message itself, and there is nothing to say.
         */
        private void handBack(long tag) throws IOException {
            try {
                getChannel().basicNack(tag, false, true);
            } catch (AlreadyClosedException closed) {
                LOG.debugf("the channel closed first; the broker requeues the batch: %s", closed.getMessage());
            }
        }

        private void export(LocalBatch local, BatchMessage message) throws IOException {
            RunPlan plan = local.plan();
            int batch = local.batch().number();
            Optional<StagedOutput> joined = StagedOutput.join(plan.outputDir(), plan.fileName(), plan.fingerprint());
            Optional<BucketHandOver> handOver = joined.isPresent() ? Optional.empty() : handOver(plan, message);
            if (joined.isEmpty() && handOver.isEmpty()) {
                LOG.infof("batch %d of %s dropped: that run is no longer staged (finished or discarded)", batch, plan.fileName());
                return;
            }
            if (joined.isPresent() ? joined.get().isDone(batch) : handOver.get().isHandedOver(batch)) {
                LOG.infof("batch %d of %s is already done", batch, plan.fileName());
                return;
            }
            if (source != null && !source.readsFrom(plan.type().datasource())) {
                source.close();
                source = null;
            }
            if (source == null) {
                source = new SourceConnection(database, plan.type().datasource());
            }
            current = new Cancellation();
            try {
                if (joined.isPresent()) {
                    export.export(new RunContext(plan, joined.get(), BatchProgress.NONE, current), local.batch(), source);
                } else {
                    exportAndHandOver(local, handOver.get());
                }
                LOG.infof("batch %d of %s done", batch, plan.fileName());
            } finally {
                current = null;
            }
        }

        /**
         * The bucket through which this worker hands the batch over, when the message asks for one
         * that this worker's own settings name too and the coordinator still waits there.
         */
        private Optional<BucketHandOver> handOver(RunPlan plan, BatchMessage message) {
            return BucketHandOver.of(plan, store)
                    .filter(own -> own.location().equals(message.handOver()))
                    .filter(BucketHandOver::isOpen);
        }

        /**
         * Exports the batch into a staging area of its own (this worker shares no directory with
         * its coordinator), hands the finished part over through the bucket, and deletes the area.
         */
        private void exportAndHandOver(LocalBatch local, BucketHandOver handOver) throws IOException {
            RunPlan plan = local.plan();
            int batch = local.batch().number();
            Path scratchDir = plan.outputDir().resolve(".dumper").resolve(".worker-" + UUID.randomUUID());
            StagedOutput scratch = StagedOutput.scratch(scratchDir);
            try {
                export.export(new RunContext(plan, scratch, BatchProgress.NONE, current), local.batch(), source);
                handOver.handOver(batch, scratch.finishedPart(batch), scratch.stats(batch), scratch.recordedColumns(),
                        scratchDir.resolve("upload"));
            } finally {
                try {
                    scratch.discard();
                } catch (IOException e) {
                    // Left behind, it is abandoned staging, which dumper clean and serve's retention remove.
                    LOG.debugf("cannot remove %s: %s", scratchDir, e.getMessage());
                }
            }
        }

        /**
         * A message this worker will not carry out goes straight to the dead-letter queue with its
         * reason: another attempt would be refused the same way. When the refusal concerns a run
         * this worker could plan (its fingerprint differs), the coordinator is told through its
         * staging area; a message whose paths do not match leaves no mark anywhere.
         */
        private void refused(BatchMessage message, LocalBatch.Refused refusal, long tag) throws IOException {
            LOG.errorf("batch message refused, to %s: %s", broker.deadQueue(), refusal.getMessage());
            broker.publish(getChannel(), broker.deadQueue(), message, refusal.getMessage());
            if (refusal.plan != null) {
                markFailed(refusal.plan, message, ExitCode.CONFIG, refusal.getMessage());
            }
            getChannel().basicAck(tag, false);
        }

        /**
         * Another delivery while attempts remain, unless the failure would repeat (changed columns,
         * a setting); then the dead-letter queue, and a mark for the coordinator with the exit code.
         */
        private void failed(BatchMessage message, RunPlan plan, ExitCode exitCode, String error, long tag) throws IOException {
            metrics.counter("dumper.batches.failed", "type", plan.type().name()).increment();
            boolean repeats = exitCode == ExitCode.SCHEMA_CHANGED || exitCode == ExitCode.CONFIG;
            if (!repeats && message.attempt() < broker.attempts()) {
                LOG.warnf("batch %d of %s failed (attempt %d of %d): %s", message.batch(), plan.fileName(),
                        message.attempt(), broker.attempts(), error);
                broker.publish(getChannel(), broker.batchQueue(), message.nextAttempt(), null);
            } else {
                LOG.errorf("batch %d of %s failed %d times, to %s: %s", message.batch(), plan.fileName(),
                        message.attempt(), broker.deadQueue(), error);
                broker.publish(getChannel(), broker.deadQueue(), message, error);
                markFailed(plan, message, exitCode, error);
            }
            getChannel().basicAck(tag, false);
        }

        /**
         * Tells the coordinator, through the run's staging area (found from the local plan) or the
         * bucket the batch was to be handed over through, that a batch failed for good.
         */
        private void markFailed(RunPlan plan, BatchMessage message, ExitCode exitCode, String error) {
            try {
                Optional<StagedOutput> staged = StagedOutput.join(plan.outputDir(), plan.fileName(), null);
                if (staged.isPresent()) {
                    staged.get().markFailed(message.batch(), exitCode, error);
                } else {
                    handOver(plan, message).ifPresent(bucket -> bucket.markFailed(message.batch(), exitCode, error));
                }
            } catch (DumperException | IOException e) {
                LOG.warnf("cannot mark batch %d failed: %s", message.batch(), e.getMessage());
            }
        }
    }
}
