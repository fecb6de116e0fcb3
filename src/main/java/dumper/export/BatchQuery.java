package dumper.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mysql.cj.exceptions.CJPacketTooBigException;
import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import com.mysql.cj.jdbc.result.ResultSetImpl;
import com.mysql.cj.result.Field;

import dumper.config.ConfigProblem;
import dumper.config.DumpType;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.guard.SourceGuard;
import dumper.plan.Batch;
import dumper.plan.QueryTemplate;
import dumper.plan.RunPlan;
import dumper.plan.Window;

/**
 * A run's query prepared for its batches: runs one batch's query and streams its rows into its
 * {@link BatchOutput}.
 *
 * <p>Rows are streamed (Connector/J: forward-only, read-only, fetch size {@code Integer.MIN_VALUE})
 * rather than fetched through a server cursor: a cursor makes the server copy the whole result
 * into a temporary table before the first row, and the binary protocol it needs would turn
 * values into Java objects. Streamed over the text protocol, each value arrives as the server's
 * own text and is written as such, in constant memory.
 */
public final class BatchQuery {

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

    private static final Pattern PACKET_SIZE = Pattern.compile("\\(([\\d,.]+) >");
    /** Rows between two of the source guard's looks at a batch, at most (see export). */
    private static final int GUARD_STEP_ROWS = 1000;

    private final QueryTemplate query;
    private final DumpType type;
    private final int fetchSize;
    /** Fails a batch whose columns differ from the run's first batch's. */
    private final BiConsumer<Batch, ResultShape> columnCheck;
    private final Cancellation cancellation;
    /** True for {@code dumper check}: its EXPLAIN waits only the read timeout, and nothing is resumed. */
    private final boolean forCheck;

    private BatchQuery(QueryTemplate query, DumpType type, int fetchSize, BiConsumer<Batch, ResultShape> columnCheck,
            Cancellation cancellation, boolean forCheck) {
        this.query = query;
        this.type = type;
        this.fetchSize = fetchSize;
        this.columnCheck = columnCheck;
        this.cancellation = cancellation;
        this.forCheck = forCheck;
    }

    /** The run's query: every batch must have the first one's columns. */
    public static BatchQuery of(RunContext run) {
        RunPlan plan = run.plan();
        return new BatchQuery(plan.query(), plan.type(), plan.fetchSize(), run::requireColumns, run.cancellation(), false);
    }

    /**
     * {@code type}'s query outside a run, to be explained ({@code dumper check}) within the read
     * timeout: a person waits for the answer. {@code cancellation} stops it at once (SIGTERM).
     */
    public static BatchQuery toCheck(QueryTemplate query, DumpType type, Cancellation cancellation) {
        return new BatchQuery(query, type, type.fetchSize(), (batch, shape) -> {
        }, cancellation, true);
    }

    /**
     * Checks the query against the server with EXPLAIN and the first batch's values, so that a
     * wrong query fails before any file is written. It may take as long as a first row: MariaDB
     * runs a query's derived tables to explain it.
     */
    public List<ExplainRow> explain(SourceConnection source, Batch batch) {
        Connection driver = source.driver();
        long session = source.sessionId();
        boolean answered = false;
        cancellation.started(driver);
        try (PreparedStatement statement = source.get().prepareStatement("EXPLAIN " + query.jdbcSql())) {
            bind(statement, query, batch);
            if (forCheck) {
                source.awaitingAnswer();
            } else {
                source.awaitingFirstRow();
            }
            List<ExplainRow> plan = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                answered = true;
                while (rows.next()) {
                    plan.add(new ExplainRow(rows.getString("table"), rows.getString("type"), rows.getString("key"),
                            rows.getString("rows")));
                }
            }
            return plan;
        } catch (SQLException e) {
            cancellation.check();
            throw failure(e, batch, driver, source);
        } finally {
            cancellation.ended(driver);
            if (!answered) {
                source.endIfAbandoned(driver, session);
            }
        }
    }

    /**
     * Streams the rows of {@code window} (the batch's window, or a piece of it when the batch was
     * split after its query ran too long) into {@code out}, opened once the columns are known, by
     * the batch's first piece. Calls {@code onRows} with the running row count every fetch-size rows,
     * or every 1,000 if that is less.
     */
    long export(SourceConnection source, Batch batch, Window window, BatchOutput out, LongConsumer onRows) {
        long rows = 0;
        // The guard paces in steps this small, so the server's work for the query comes in short
        // bursts rather than one of fetch-size rows that the application's queries queue behind.
        int step = Math.min(fetchSize, GUARD_STEP_ROWS);
        Connection connection = source.get();
        Connection driver = source.driver();
        long session = source.sessionId();
        boolean streamed = false;
        // A cancel aborts this connection: Statement.cancel() does nothing once rows stream.
        cancellation.started(driver);
        try (PreparedStatement statement = connection.prepareStatement(SourceGuard.BATCH_MARKER + query.jdbcSql(),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            bind(statement, query, new Batch(batch.number(), window));
            source.awaitingFirstRow();
            try (ResultSet pooled = statement.executeQuery()) {
                // The pool's wrapper checks its state on every call; the hot loop talks to the driver.
                ResultSet rs = pooled.isWrapperFor(ResultSetImpl.class) ? pooled.unwrap(ResultSetImpl.class) : pooled;
                boolean readingRows = false;
                try {
                    // Inside the try: columns that differ from the first batch's, or that the format
                    // refuses (duplicate names, a type Parquet cannot hold), must stop the streaming
                    // query too, not drain it.
                    columnCheck.accept(batch, ResultShape.of(rs.getMetaData()));
                    if (!out.started()) {
                        out.start(columns(rs));
                    }
                    readingRows = true;
                    if (rs.next()) {
                        source.rowsFlowing();
                        do {
                            out.row(rs);
                            if (++rows % step == 0) {
                                onRows.accept(rows);
                                cancellation.check();
                            }
                        } while (rs.next());
                    }
                } catch (OutOfMemoryError e) {
                    DriverConnections.abort(driver);
                    if (!readingRows) {
                        // Opening the part (its first block) ran out: the heap is too small for the
                        // settings, not for a row, and the process ends on it (core.OutOfMemory).
                        throw e;
                    }
                    // A row larger than the heap allows, despite the row limit (which the default
                    // sets well below it). The blocks it filled are garbage now: say so in one line.
                    throw tooLargeForHeap(type, batch);
                } catch (RuntimeException | Error e) {
                    // Closing a streaming result set reads every row still to come: after a failed
                    // write (a full disk) that would take as long as the rest of the batch. Drop
                    // the connection instead.
                    DriverConnections.abort(driver);
                    throw e;
                }
            }
            streamed = true;
            cancellation.check();
            return rows;
        } catch (SQLException e) {
            cancellation.check();
            throw failure(e, batch, driver, source);
        } finally {
            cancellation.ended(driver);
            if (!streamed) {
                source.endIfAbandoned(driver, session);
            }
        }
    }

    static List<Column> columns(ResultSet rs) throws SQLException {
        ResultSetMetaData metaData = rs.getMetaData();
        Field[] fields = metaData.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields();
        List<Column> columns = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            Field field = fields[i];
            SourceType type = SourceType.of(field, metaData.getPrecision(i + 1));
            columns.add(new Column(field.getColumnLabel(), ColumnKind.of(field), type));
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

    private static boolean failsAgain(int code, String state) {
        return REPEATING_ERRORS.contains(code) || (state.length() >= 2 && REPEATING_STATE_CLASSES.contains(state.substring(0, 2)));
    }

    private DumperException failure(SQLException e, Batch batch, Connection driver, SourceConnection source) {
        if (StatementTimeout.CODES.contains(e.getErrorCode())) {
            return new StatementTimeout(type, batch, e);
        }
        if (QUERY_ERRORS.contains(e.getErrorCode())) {
            return new ConfigProblem("query file " + type.queryFile() + " fails on the server: " + DumperException.firstLine(e)
                    + "; fix the SQL (dumper check " + type.name() + " tests it)");
        }
        Throwable tooBig = tooBigPacket(e);
        if (tooBig != null && source != null) {
            // The driver stopped in the middle of the row: nothing more can be read on this connection.
            DriverConnections.abort(driver);
            return rowTooLarge(type, batch, source, packetSize(tooBig));
        }
        String reason = reason(e);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (failsAgain(e.getErrorCode(), state)) {
            return new DumperException(ExitCode.DATABASE, "database error in type " + type.name() + ": " + reason
                    + "; the query fails this way on this data every time, so fix the SQL or the data" + (forCheck ? ""
                    : " (finished batches are kept, and the next run resumes after them)"), e);
        }
        String message = "database error in type " + type.name() + ": " + reason + (forCheck
                ? "; check the server and the query, then run dumper check again"
                : "; run the same command again to resume");
        if (TRANSIENT_ERRORS.contains(e.getErrorCode()) || DriverConnections.lost(e, driver)) {
            return new TransientDatabaseFailure(message, reason, e);
        }
        return new DumperException(ExitCode.DATABASE, message, e);
    }

    /** The driver's first line, or what a timeout means in dumper's own settings. */
    private String reason(SQLException e) {
        if (SourceDatabase.stalled(e)) {
            return forCheck ? "the server did not answer the EXPLAIN within dumper.source.read-timeout"
                    : "the server sent nothing for longer than dumper.source.read-timeout (or first-row-timeout "
                    + "before the first row)";
        }
        return DumperException.firstLine(e);
    }

    private static DumperException rowTooLarge(DumpType type, Batch batch, SourceConnection source, String size) {
        return new DumperException(ExitCode.CONFIG, "batch " + batch.number() + " of type " + type.name() + " has a row of "
                + size + ", more than the " + String.format("%,d", source.maxRowBytes()) + " bytes it accepts; raise "
                + "dumper.source.max-row-size (by default 1/" + SourceDatabase.HEAP_PER_ROW_BYTE + " of the heap, now "
                + heapMegabytes() + " MB) and the heap (-Xmx in JAVA_OPTS) to " + SourceDatabase.HEAP_PER_ROW_BYTE
                + " times the row");
    }

    private static DumperException tooLargeForHeap(DumpType type, Batch batch) {
        return new DumperException(ExitCode.CONFIG, "batch " + batch.number() + " of type " + type.name() + " has a row too "
                + "large for the " + heapMegabytes() + " MB heap; raise the heap (-Xmx in JAVA_OPTS), or lower "
                + "dumper.source.max-row-size so that such rows are refused before they are read");
    }

    private static long heapMegabytes() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024);
    }

    /** The driver's refusal of a packet over its limit, however deep it is wrapped. */
    private static Throwable tooBigPacket(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PacketTooBigException || cause instanceof CJPacketTooBigException) {
                return cause;
            }
        }
        return null;
    }

    /** "Packet for query is too large (20,971,524 > 1,677,721)": the size the server was sending. */
    private static String packetSize(Throwable e) {
        Matcher m = PACKET_SIZE.matcher(String.valueOf(e.getMessage()));
        return m.find() ? (m.group(1).equals("16,777,215") ? "at least " : "") + m.group(1) + " bytes" : "unknown size";
    }
}
