package dumper.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Asks a run to stop at a clean point, and at once. The connections reading for the run are
 * aborted (their sockets closed): {@code Statement.cancel()} does nothing once a streaming
 * query has returned its result set, and a read blocked on a stalled network would never see
 * a request. The reading thread then ends the aborted session's query on the server too (a
 * server notices a closed socket only when it next writes to it), before the run ends. A run
 * reading on several connections has one query in flight on each.
 */
public final class Cancellation {

    private static final Logger LOG = Logger.getLogger(Cancellation.class);

    private volatile boolean requested;
    /** Past the last clean point: the run publishes, and a request no longer stops it. */
    private volatile boolean finishing;
    private final Set<Connection> reading = ConcurrentHashMap.newKeySet();

    public synchronized void request() {
        requested = true;
        for (Connection connection : reading) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("could not abort a reading connection: %s", e.getMessage());
            }
        }
    }

    /** Throws when a stop was requested; called between batches and every few thousand rows. */
    public void check() {
        if (requested) {
            throw stopped(null);
        }
    }

    /**
     * The run's last clean point: throws when a stop was requested, else the run goes on to
     * publish and report, which it finishes whatever is asked after (a half-published file would
     * have to be published again, and the caller told to run again what is done).
     */
    public synchronized void finishing() {
        check();
        finishing = true;
    }

    /** True once the run passed its last clean point: stopping now means waiting for it to finish. */
    public boolean isFinishing() {
        return finishing;
    }

    /** The failure of a run stopped on request (or interrupted while waiting, {@code cause}). */
    public static DumperException stopped(Throwable cause) {
        return new DumperException(ExitCode.INTERRUPTED, "stopped on request; finished batches are kept, "
                + "run the same command again to resume", cause);
    }

    /**
     * {@code driverConnection} reads for the run; until {@link #ended}, a request aborts it. The
     * driver's own connection, not a pool's handle: the pool's {@code abort()} leaks it.
     */
    public void started(Connection driverConnection) {
        reading.add(driverConnection);
        if (requested) {
            request();
        }
    }

    public void ended(Connection driverConnection) {
        reading.remove(driverConnection);
    }
}
