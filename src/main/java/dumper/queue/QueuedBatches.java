package dumper.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.export.RunContext;
import dumper.output.BatchStats;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.plan.Window;
import dumper.run.DistributedBatches;
import dumper.store.ObjectStore;

/**
 * The coordinator's side of a distributed run: publish each missing batch as a message, then
 * wait until every batch is a finished part in the shared staging area, or until a worker
 * marks one failed for good; when the type publishes to a bucket, workers without that area hand
 * their batches over through the bucket ({@link BucketHandOver}). Publishing, the manifest and
 * the report entry then happen once, in the coordinator, exactly as in a local run.
 */
@ApplicationScoped
public class QueuedBatches implements DistributedBatches {

    private static final Logger LOG = Logger.getLogger("dumper.queue");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WAITING_REPORT = Duration.ofSeconds(30);
    /** How long after queueing the coordinator first asks whether any worker consumes. */
    private static final Duration FIRST_WORKER_CHECK = Duration.ofSeconds(5);

    /** How often the coordinator lists the batches handed over through a bucket (a LIST request each time). */
    private static final Duration HAND_OVER_SCAN = Duration.ofSeconds(1);

    private final Broker broker;
    private final ObjectStore store;
    private final Duration brokerTimeout;

    QueuedBatches(Broker broker, ObjectStore store, DumperConfig config) {
        this.broker = broker;
        this.store = store;
        this.brokerTimeout = config.queue().brokerTimeout();
    }

    @Override
    public void exportMissing(RunContext run, List<Batch> missing) throws IOException {
        if (missing.isEmpty()) {
            return;
        }
        run.staged().clearFailures();
        Optional<BucketHandOver> handOver = BucketHandOver.of(run.plan(), store);
        handOver.ifPresent(bucket -> bucket.open(run.plan().fresh()));
        queue(run.plan(), missing, handOver);
        LOG.infof("%s: %d batch(es) queued on %s for workers", run.plan().type().name(), missing.size(), broker.batchQueue());
        awaitParts(run, missing, handOver);
        handOver.ifPresent(BucketHandOver::close);
    }

    /** Publishes a message for each of {@code batches} and waits for the broker's confirms. */
    private void queue(RunPlan plan, List<Batch> batches, Optional<BucketHandOver> handOver) {
        try (Connection connection = broker.connect("dumper-coordinator " + plan.runId());
                Channel channel = connection.createChannel()) {
            broker.declare(channel);
            channel.confirmSelect();
            for (Batch batch : batches) {
                broker.publish(channel, broker.batchQueue(), message(plan, batch, handOver), null);
            }
            channel.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
        } catch (TimeoutException e) {
            throw new DumperException(ExitCode.DATABASE, "RabbitMQ did not confirm the batches of " + plan.fileName()
                    + "; run the same command again", e);
        } catch (IOException e) {
            // A broker failure, not the output directory's: the caller reports IOExceptions as output errors.
            throw new DumperException(ExitCode.DATABASE, "cannot queue the batches of " + plan.fileName() + " on RabbitMQ ("
                    + e.getMessage() + "); check the broker and run the same command again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DumperException(ExitCode.INTERRUPTED, "interrupted; run the same command again to resume");
        }
    }

    private void awaitParts(RunContext run, List<Batch> missing, Optional<BucketHandOver> handOver) throws IOException {
        RunPlan plan = run.plan();
        StagedOutput staged = run.staged();
        List<Batch> pending = new ArrayList<>(missing);
        long nextReport = System.nanoTime() + WAITING_REPORT.toNanos();
        long workerCheck = System.nanoTime() + FIRST_WORKER_CHECK.toNanos();
        long nextScan = System.nanoTime();
        BrokerWatch watch = new BrokerWatch(broker, brokerTimeout);
        while (!pending.isEmpty()) {
            run.cancellation().check();
            if (handOver.isPresent() && System.nanoTime() >= nextScan) {
                take(run, handOver.get(), pending);
                nextScan = System.nanoTime() + HAND_OVER_SCAN.toNanos();
            }
            if (System.nanoTime() > workerCheck) {
                warnWithoutWorkers(plan);
                workerCheck = System.nanoTime() + WAITING_REPORT.toNanos();
            }
            if (System.nanoTime() > nextReport) {
                LOG.infof("%s: waiting for workers, %d of %d batch(es) still to do (queue %s)", plan.type().name(),
                        pending.size(), missing.size(), broker.batchQueue());
                nextReport = System.nanoTime() + WAITING_REPORT.toNanos();
            }
            for (Batch batch : List.copyOf(pending)) {
                if (staged.isDone(batch.number())) {
                    BatchStats stats = staged.stats(batch.number());
                    run.progress().batchFinished(batch, stats.rows(), stats.textBytes());
                    pending.remove(batch);
                } else {
                    staged.failure(batch.number()).ifPresent(failure -> {
                        throw new DumperException(failure.exitCode(), "batch " + batch.number() + " failed on the workers: "
                                + failure.error());
                    });
                }
            }
            // Here, in the coordinator only: one process appends to the output files.
            staged.appendFinished();
            Optional<Broker.QueueCounts> counts = pending.isEmpty() ? Optional.empty()
                    : watch.probe(plan, missing.size() - pending.size());
            if (counts.isPresent()) {
                // A batch handed over through the bucket has left the queue too: take it in first.
                if (handOver.isPresent()) {
                    take(run, handOver.get(), pending);
                }
                // Counted after the probe: a batch finished meanwhile has left the queue and is no longer to do.
                List<Batch> stillToDo = pending.stream().filter(batch -> !staged.isDone(batch.number())).toList();
                if (BrokerWatch.missing(counts.get(), stillToDo.size())) {
                    failIfRefused(plan);
                    LOG.warnf("%s: RabbitMQ holds fewer batches than the %d still to do (messages lost, or the broker came "
                            + "back without them); queueing them again", plan.type().name(), stillToDo.size());
                    queue(plan, stillToDo, handOver);
                }
            }
            sleep();
        }
    }

    /**
     * Takes into the staging area the batches that workers handed over through the bucket
     * (their columns checked as a local batch's), and copies a worker's failure marker there, so
     * the loop above sees them as it sees a shared volume's.
     */
    private static void take(RunContext run, BucketHandOver handOver, List<Batch> pending) throws IOException {
        BucketHandOver.Scan scan = handOver.scan();
        for (Batch batch : pending) {
            int number = batch.number();
            if (run.staged().isDone(number)) {
                continue;
            }
            if (scan.handedOver().contains(number)) {
                BucketHandOver.HandedOver handedOver = handOver.handedOver(number);
                run.requireColumns(batch, handedOver.columns());
                handOver.take(number, handedOver.stats(), run.staged());
            } else if (scan.failed().contains(number)) {
                Optional<StagedOutput.BatchFailure> failure = handOver.failure(number);
                if (failure.isPresent()) {
                    run.staged().markFailed(number, failure.get().exitCode(), failure.get().error());
                }
            }
        }
    }

    /**
     * Batches missing from the queue may have been refused by a worker that could not even plan
     * them (another output directory, a type it lacks), which leaves no mark in the staging area:
     * queueing them again would only have them refused again, for ever. The refusal ends the run.
     */
    private void failIfRefused(RunPlan plan) {
        broker.deadLetterOf(plan.runId()).ifPresent(refused -> {
            throw new DumperException(ExitCode.CONFIG, "batch " + refused.batch() + " of " + plan.fileName()
                    + " was refused by a worker: " + refused.reason());
        });
    }

    /** A run waits silently for ever when no worker runs: say so, and what a stop does to the queued batches. */
    private void warnWithoutWorkers(RunPlan plan) {
        if (broker.consumerCount() == 0) {
            LOG.warnf("%s: no worker is consuming %s: the batches wait there until a `dumper worker` with the same "
                    + "settings starts. If this run is stopped (Ctrl-C), they stay queued: a worker that starts later "
                    + "still exports them, and the same command then resumes from them", plan.type().name(),
                    broker.batchQueue());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DumperException(ExitCode.INTERRUPTED, "interrupted; run the same command again to resume");
        }
    }

    static BatchMessage message(RunPlan plan, Batch batch, Optional<BucketHandOver> handOver) {
        String start = plan.window() == null ? null : Window.sqlText(plan.window().start());
        String end = plan.window() == null ? null : Window.sqlText(plan.window().end());
        Path outputDir = plan.outputDir().toAbsolutePath().normalize();
        return new BatchMessage(plan.runId(), plan.type().name(), start, end, plan.batchSize().toString(),
                plan.createdAt().toOffsetDateTime().toString(), plan.fingerprint(), outputDir.toString(),
                plan.fileName(), batch.number(), 1, handOver.map(BucketHandOver::location).orElse(null));
    }
}
