package dumper.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the batches of the {@code gate*} test types that start on a given day at their query
 * until the test lets them through: a run is mid-way for exactly as long as a test needs, with
 * no pause to wait out and no race on a loaded machine. Each batch's query takes and at once
 * gives back a named lock of the server ({@code GET_LOCK}); the gate holds that lock.
 */
final class Gate implements AutoCloseable {

    /** The join that makes a query of vaccination_event wait for the lock of its batch's first day. */
    static final String GATE_JOIN = "JOIN (SELECT GET_LOCK(CONCAT('gate/', DATABASE(), '/', DATE(:start)), 600) + "
            + "RELEASE_LOCK(CONCAT('gate/', DATABASE(), '/', DATE(:start))) AS passed) gate ";

    /** The SQL of a gated type: the zm columns, after the lock of the batch's first day. */
    static final String GATED_QUERY = "SELECT e.id, e.event_time, e.notes FROM vaccination_event e " + GATE_JOIN
            + "WHERE e.event_time >= :start AND e.event_time < :end ORDER BY e.event_time, e.id";

    private final Connection connection;

    private Gate(Connection connection) {
        this.connection = connection;
    }

    /** Closes the gate for the batches that start on each of {@code days} (YYYY-MM-DD). */
    static Gate closedFor(String... days) throws SQLException {
        Connection connection = TestDatabase.connect();
        try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(CONCAT('gate/', DATABASE(), '/', ?), 0)")) {
            for (String day : days) {
                lock.setString(1, day);
                try (ResultSet r = lock.executeQuery()) {
                    if (!r.next() || r.getInt(1) != 1) {
                        throw new IllegalStateException("the gate for " + day + " is held by someone else");
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return new Gate(connection);
    }

    /** Waits until {@code count} batches stand at the gate, or fails the test after {@link PackagedApp#PATIENCE_SECONDS}. */
    void awaitWaiting(int count, Process run) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + PackagedApp.PATIENCE_SECONDS * 1_000_000_000L;
        while (waiting().size() < count) {
            if (System.nanoTime() > deadline || !run.isAlive()) {
                throw new AssertionError(count + " batch(es) did not reach the gate (process alive: " + run.isAlive() + ")");
            }
            Thread.sleep(20);
        }
    }

    /** How many batches stand at a gate of this database now (this one's or another's). */
    int standing() throws SQLException {
        return waiting().size();
    }

    /** Kills ({@code KILL QUERY} or {@code KILL CONNECTION}) each batch's query that stands at the gate. */
    void killWaiting(String kill) throws SQLException {
        for (long id : waiting()) {
            try (Statement s = connection.createStatement()) {
                s.execute(kill + " " + id);
            }
        }
    }

    /** The server's ids of the connections whose query waits at the gate. */
    private List<Long> waiting() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT ID FROM "
                + "information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND DB = DATABASE() AND STATE = 'User lock'")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    /** Lets every held batch through (and all later ones). */
    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
