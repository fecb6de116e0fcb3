package dumper.run;

import java.sql.SQLException;
import java.sql.Statement;

import org.jboss.logging.Logger;

/**
 * Asks a run to stop at a clean point. The query in flight is cancelled on the server
 * ({@code Statement.cancel()} sends {@code KILL QUERY} on a separate connection), because
 * merely closing a streaming result would first read all its remaining rows.
 */
public final class Cancellation {

    private static final Logger LOG = Logger.getLogger(Cancellation.class);

    private volatile boolean requested;
    private volatile Statement running;

    public void request() {
        requested = true;
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                LOG.debugf("could not cancel the running query: %s", e.getMessage());
            }
        }
    }

    /** Throws when a stop was requested; called between batches and every few thousand rows. */
    public void check() {
        if (requested) {
            throw new DumperException(ExitCode.INTERRUPTED, "stopped on request; finished batches are kept, "
                    + "run the same command again to resume");
        }
    }

    public void running(Statement statement) {
        running = statement;
        if (statement != null && requested) {
            request();
        }
    }
}
