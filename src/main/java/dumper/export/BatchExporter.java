package dumper.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import com.mysql.cj.jdbc.result.ResultSetImpl;
import com.mysql.cj.result.Field;

import dumper.config.ConfigProblem;
import dumper.config.DumpType;
import dumper.output.ByteSink;
import dumper.plan.Batch;
import dumper.plan.Window;
import dumper.run.Cancellation;
import dumper.run.DumperException;
import dumper.run.ExitCode;

/**
 * Runs one batch's query and streams its rows into a sink.
 *
 * <p>Rows are streamed (Connector/J: forward-only, read-only, fetch size {@code Integer.MIN_VALUE})
 * rather than fetched through a server cursor: a cursor makes the server copy the whole result
 * into a temporary table before the first row, and the binary protocol it needs would turn
 * values into Java objects. Streamed over the text protocol, each value arrives as the server's
 * own text and is written as such, in constant memory.
 */
public final class BatchExporter {

    /** Errors that mean the SQL itself is wrong, not the server or the network. */
    private static final Set<Integer> QUERY_ERRORS = Set.of(1052, 1054, 1064, 1109, 1146, 1149, 1248, 1305, 1630);
    /**
     * Errors the same query on the same data raises again, whenever it runs: SQL states of
     * cardinality (1242), data (1365, 1292, 1690), integrity and access/syntax errors and SIGNAL
     * (1644), and codes the server files under HY000 (1300 invalid character string, 1139 bad
     * regular expression).
     */
    private static final Set<String> REPEATING_STATE_CLASSES = Set.of("21", "22", "23", "42", "45");
    private static final Set<Integer> REPEATING_ERRORS = Set.of(1139, 1300, 1366, 3140);
    /** Killed query, server going away, lost connection, deadlock: worth another attempt. */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(1053, 1205, 1213, 1317, 1927, 2006, 2013);

    private BatchExporter() {
    }

    /**
     * Checks the query against the server with EXPLAIN and the first batch's values, so that a
     * wrong query fails before any file is written.
     */
    public static void explain(Connection connection, QueryTemplate query, DumpType type, Batch batch) {
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + query.jdbcSql())) {
            bind(statement, query, batch);
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw failure(e, type);
        }
    }

    /**
     * Streams {@code batch}; writes the header first when {@code withHeader}. Calls
     * {@code onRows} with the running row count every {@code every} rows.
     */
    public static long export(Connection connection, QueryTemplate query, DumpType type, Batch batch, ByteSink sink,
            boolean withHeader, int every, LongConsumer onRows, Cancellation cancellation) {
        long rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(query.jdbcSql(),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            bind(statement, query, batch);
            cancellation.started(statement);
            try (ResultSet pooled = statement.executeQuery()) {
                // The pool's wrapper checks its state on every call; the hot loop talks to the driver.
                ResultSet rs = pooled.isWrapperFor(ResultSetImpl.class) ? pooled.unwrap(ResultSetImpl.class) : pooled;
                try {
                    RowEncoder encoder = RowEncoder.of(type, columns(rs));
                    if (withHeader) {
                        encoder.header(sink);
                    }
                    while (rs.next()) {
                        encoder.row(rs, sink);
                        sink.endRow();
                        if (++rows % every == 0) {
                            onRows.accept(rows);
                            cancellation.check();
                        }
                    }
                } catch (RuntimeException e) {
                    // Closing a streaming result set reads every row still to come: after a failed
                    // write (a full disk) that would take as long as the rest of the batch.
                    stopQuery(statement);
                    throw e;
                }
            } finally {
                cancellation.ended(statement);
            }
            cancellation.check();
            return rows;
        } catch (SQLException e) {
            cancellation.check();
            throw failure(e, type);
        }
    }

    private static boolean failsAgain(int code, String state) {
        return REPEATING_ERRORS.contains(code) || (state.length() >= 2 && REPEATING_STATE_CLASSES.contains(state.substring(0, 2)));
    }

    private static void stopQuery(PreparedStatement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // The first failure is the one to report; closing then drains the stream instead.
        }
    }

    static List<Column> columns(ResultSet rs) throws SQLException {
        Field[] fields = rs.getMetaData().unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields();
        List<Column> columns = new ArrayList<>(fields.length);
        for (Field field : fields) {
            columns.add(new Column(field.getColumnLabel(), ColumnKind.of(field)));
        }
        return columns;
    }

    private static void bind(PreparedStatement statement, QueryTemplate query, Batch batch) throws SQLException {
        List<String> parameters = query.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            LocalDateTime value = parameters.get(i).equals("start") ? batch.window().start() : batch.window().end();
            // DATETIME compares with the text as written.
            statement.setString(i + 1, Window.sqlText(value));
        }
    }

    private static DumperException failure(SQLException e, DumpType type) {
        if (QUERY_ERRORS.contains(e.getErrorCode())) {
            return new ConfigProblem("query file " + type.queryFile() + " fails on the server: " + SourceDatabase.firstLine(e)
                    + "; fix the SQL (dumper check " + type.name() + " tests it)");
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (failsAgain(e.getErrorCode(), state)) {
            return new DumperException(ExitCode.DATABASE, "database error in type " + type.name() + ": "
                    + SourceDatabase.firstLine(e) + "; the query fails this way on this data every time, so fix the SQL "
                    + "or the data (finished batches are kept, and the next run resumes after them)", e);
        }
        String message = "database error in type " + type.name() + ": " + SourceDatabase.firstLine(e)
                + "; run the same command again to resume";
        if (state.startsWith("08") || TRANSIENT_ERRORS.contains(e.getErrorCode())) {
            return new TransientDatabaseFailure(message, e);
        }
        return new DumperException(ExitCode.DATABASE, message, e);
    }
}
