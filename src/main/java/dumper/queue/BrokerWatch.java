package dumper.queue;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.plan.RunPlan;

/**
 * What a coordinator watches while its workers export: that the broker still holds its batches.
 * Every few seconds it asks the broker for the batch queue's counts. A broker that does not
 * answer for {@code dumper.queue.broker-timeout} ends the run (exit code 10, the finished
 * batches kept for the next run) instead of waiting for ever. A broker that answers with fewer
 * batches than are still to do (messages ready, plus one per consumer: prefetch 1) has lost some
 * (a restart without them, a purge), so the caller queues the batches still to do again; a
 * batch done twice is harmless, as the second copy finds it done or replaces its part.
 */
final class BrokerWatch {

    private static final Logger LOG = Logger.getLogger("dumper.queue");
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final Broker broker;
    private final Duration timeout;
    private long nextProbe;
    private long downSince = -1;

    BrokerWatch(Broker broker, Duration timeout) {
        this.broker = broker;
        this.timeout = timeout;
        this.nextProbe = System.nanoTime() + INTERVAL.toNanos();
    }

    /**
     * The batch queue's counts when it is time to probe and the broker answers; empty otherwise.
     * Throws once the broker has not answered for the timeout.
     */
    Optional<Broker.QueueCounts> probe(RunPlan plan, int finished) {
        long now = System.nanoTime();
        if (now < nextProbe) {
            return Optional.empty();
        }
        nextProbe = now + INTERVAL.toNanos();
        Optional<Broker.QueueCounts> counts = broker.probe(INTERVAL);
        if (counts.isEmpty()) {
            if (downSince < 0) {
                downSince = now;
                LOG.warnf("%s: RabbitMQ at %s does not answer; waiting up to %s (dumper.queue.broker-timeout) for it to come "
                        + "back", plan.type().name(), broker.describe(), timeout);
            } else if (now - downSince > timeout.toNanos()) {
                throw new DumperException(ExitCode.BROKER, "RabbitMQ at " + broker.describe() + " has not answered for "
                        + timeout + " (dumper.queue.broker-timeout); " + finished + " finished batch(es) of " + plan.fileName()
                        + " are kept: run the same command again once the broker is back");
            }
        } else if (downSince >= 0) {
            LOG.infof("%s: RabbitMQ at %s answers again", plan.type().name(), broker.describe());
            downSince = -1;
        }
        return counts;
    }

    /** True when {@code counts} cannot hold {@code stillToDo} batches: messages ready, plus one per consumer (prefetch 1). */
    static boolean missing(Broker.QueueCounts counts, long stillToDo) {
        return counts.ready() + counts.consumers() < stillToDo;
    }
}
