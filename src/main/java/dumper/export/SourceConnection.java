package dumper.export;

import java.sql.Connection;
import java.sql.SQLException;

/** The one connection a run reads through, replaced after a transient failure. */
public final class SourceConnection implements AutoCloseable {

    private final SourceDatabase database;
    private final String datasource;
    private Connection connection;

    public SourceConnection(SourceDatabase database, String datasource) {
        this.database = database;
        this.datasource = datasource;
        this.connection = database.open(datasource);
    }

    public Connection get() {
        return connection;
    }

    /** Drops the current connection (it may be dead, or still draining a killed stream) and opens another. */
    public void reconnect() {
        try {
            // abort, not close: closing a streaming connection first reads the rest of the stream.
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // A broken connection may refuse even that; it is gone either way.
        }
        connection = database.open(datasource);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing is lost: every batch read through it is committed or will be read again.
        }
    }
}
