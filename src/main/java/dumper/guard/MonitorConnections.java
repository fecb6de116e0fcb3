package dumper.guard;

import java.sql.Connection;

/**
 * Opens the guard's monitor connection to a datasource. {@code export} implements it (it owns
 * the datasources), so the guard stays below export and every batch can consult it.
 */
public interface MonitorConnections {

    /** A new connection to {@code datasource}, with the same settings as the export's. */
    Connection open(String datasource);
}
