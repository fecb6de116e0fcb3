package dumper.run;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Asks a run to stop at a clean point. The query in flight is cancelled on the server
 * ({@code Statement.cancel()} sends {@code KILL QUERY} on a separate connection), because
 * merely closing a streaming result would first read all its remaining rows. A run reading on
 * several connections has one query in flight on each.
 */
public final class Cancellation {

    private static final Logger LOG = Logger.getLogger(Cancellation.class);

    private volatile boolean requested;
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();

    public void request() {
        requested = true;
        for (Statement statement : running) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                LOG.debugf("could not cancel a running query: %s", e.getMessage());
            }
        }
    }

    /** Throws when a stop was requested; called between batches and every few thousand rows. */
    public void check() {
        if (requested) {
            throw stopped(null);
        }
    }

    /** The failure of a run stopped on request (or interrupted while waiting, {@code cause}). */
    public static DumperException stopped(Throwable cause) {
        return new DumperException(ExitCode.INTERRUPTED, "stopped on request; finished batches are kept, "
                + "run the same command again to resume", cause);
    }

    /** {@code statement} is executing; until {@link #ended}, a request cancels it on the server. */
    public void started(Statement statement) {
        running.add(statement);
        if (requested) {
            request();
        }
    }

    public void ended(Statement statement) {
        running.remove(statement);
    }
}
