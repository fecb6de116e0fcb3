package dumper.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.export.RunContext;
import dumper.output.BatchStats;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.plan.Window;
import dumper.run.DistributedBatches;

/**
 * The coordinator's side of a distributed run: publish each missing batch as a message, then
 * wait until every batch is a finished part in the shared staging area, or until a worker
 * marks one failed for good. Publishing, the manifest and the report entry then happen once,
 * in the coordinator, exactly as in a local run.
 */
@ApplicationScoped
public class QueuedBatches implements DistributedBatches {

    private static final Logger LOG = Logger.getLogger("dumper.queue");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration WAITING_REPORT = Duration.ofSeconds(30);
    /** How long after queueing the coordinator first asks whether any worker consumes. */
    private static final Duration FIRST_WORKER_CHECK = Duration.ofSeconds(5);

    private final Broker broker;

    QueuedBatches(Broker broker) {
        this.broker = broker;
    }

    @Override
    public void exportMissing(RunContext run, List<Batch> missing) throws IOException {
        if (missing.isEmpty()) {
            return;
        }
        RunPlan plan = run.plan();
        run.staged().clearFailures();
        try (Connection connection = broker.connect("dumper-coordinator " + plan.runId());
                Channel channel = connection.createChannel()) {
            broker.declare(channel);
            channel.confirmSelect();
            for (Batch batch : missing) {
                broker.publish(channel, broker.batchQueue(), message(plan, batch), null);
            }
            channel.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
            LOG.infof("%s: %d batch(es) queued on %s for workers", plan.type().name(), missing.size(), broker.batchQueue());
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
        awaitParts(run, missing);
    }

    private void awaitParts(RunContext run, List<Batch> missing) throws IOException {
        RunPlan plan = run.plan();
        StagedOutput staged = run.staged();
        List<Batch> pending = new ArrayList<>(missing);
        long nextReport = System.nanoTime() + WAITING_REPORT.toNanos();
        long workerCheck = System.nanoTime() + FIRST_WORKER_CHECK.toNanos();
        while (!pending.isEmpty()) {
            run.cancellation().check();
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
                    staged.failure(batch.number()).ifPresent(error -> {
                        throw new DumperException(ExitCode.DATABASE, "batch " + batch.number() + " failed on the workers: "
                                + error);
                    });
                }
            }
            // Here, in the coordinator only: one process appends to the output files.
            staged.appendFinished();
            sleep();
        }
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

    static BatchMessage message(RunPlan plan, Batch batch) {
        String start = plan.window() == null ? null : Window.sqlText(plan.window().start());
        String end = plan.window() == null ? null : Window.sqlText(plan.window().end());
        Path outputDir = plan.outputDir().toAbsolutePath().normalize();
        return new BatchMessage(plan.runId(), plan.type().name(), start, end, plan.batchSize().toString(),
                plan.createdAt().toOffsetDateTime().toString(), plan.fingerprint(), outputDir.toString(),
                plan.fileName(), batch.number(), 1);
    }
}
