package dumper.export;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

import dumper.config.ConfigProblem;
import dumper.config.DumpType;
import dumper.output.ByteSink;
import dumper.output.ParquetSink;
import dumper.output.PartSink;
import dumper.output.PartWriters;
import dumper.output.StagedOutput;

/**
 * Where one batch's rows go: its staged part, in its type's format. The part is opened once the
 * query's columns are known, because a typed format's schema comes from them: text formats get
 * a {@link RowEncoder} over a {@link ByteSink}, Parquet a {@link ParquetEncoder} over a
 * {@link ParquetSink}. Either way the part is one file that is staged, joined and published alike.
 */
final class BatchOutput {

    private final PartWriters writers;
    private final StagedOutput.Part part;
    private final DumpType type;
    private final boolean withHeader;
    private PartSink sink;
    private RowWriter rows;

    BatchOutput(PartWriters writers, StagedOutput.Part part, DumpType type, boolean withHeader) {
        this.writers = writers;
        this.part = part;
        this.type = type;
        this.withHeader = withHeader;
    }

    /** Writes one row of a result set: the text or typed half of the format. */
    private interface RowWriter {
        void write(ResultSet rs) throws SQLException;
    }

    /** Opens the part for rows of {@code columns}; refuses (exit 3) columns the format cannot hold. */
    void start(List<Column> columns) {
        if (type.format().columnar) {
            ParquetEncoder encoder = encoder(() -> ParquetEncoder.of(columns));
            ParquetSink parquet = writers.openParquet(part, type, encoder.schema());
            sink = parquet;
            rows = rs -> parquet.write(encoder.read(rs));
        } else {
            RowEncoder encoder = encoder(() -> RowEncoder.of(type, columns));
            ByteSink bytes = writers.open(part, type);
            sink = bytes;
            if (withHeader) {
                encoder.header(bytes);
            }
            rows = rs -> encoder.row(rs, bytes);
        }
    }

    /** Whether {@link #start} opened the part: a batch read in pieces opens it with its first piece. */
    boolean started() {
        return sink != null;
    }

    void row(ResultSet rs) throws SQLException {
        rows.write(rs);
        sink.endRow();
    }

    /** Content bytes written so far (uncompressed); 0 before the part is opened. */
    long bytes() {
        return sink == null ? 0 : sink.bytes();
    }

    long fileBytes() {
        return sink.fileBytes();
    }

    void close() {
        sink.close();
    }

    /** Closes the part after a failure, opened for rows or not (the query failed before its first row). */
    void abandon() {
        if (sink != null) {
            sink.abandon();
            return;
        }
        try {
            part.channel().close();
        } catch (IOException ignored) {
            // The part is discarded and written again from scratch.
        }
    }

    private <E> E encoder(Supplier<E> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("query file " + type.queryFile() + " of type " + type.name() + " " + e.getMessage());
        }
    }
}
