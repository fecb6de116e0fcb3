package dumper.export;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;

import dumper.config.BinaryEncoding;
import dumper.config.DumpType;
import dumper.output.ByteSink;

/**
 * Turns result rows into the bytes of one output format. Values arrive as the server's own
 * text ({@link ResultSet#getBytes}), so encoders work on bytes: no decoding to String and back.
 */
public abstract class RowEncoder {

    private static final byte[] HEX_DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    protected final List<Column> columns;
    private final BinaryEncoding binary;

    protected RowEncoder(List<Column> columns, BinaryEncoding binary) {
        this.columns = columns;
        this.binary = binary;
    }

    /** The encoder of a text format; refuses (IllegalArgumentException) columns it cannot hold. */
    public static RowEncoder of(DumpType type, List<Column> columns) {
        return switch (type.format()) {
            case CSV -> new CsvEncoder(columns, type.binary(), type.csvNull());
            case TSV -> new TsvEncoder(columns, type.binary());
            case JSONL -> new JsonLinesEncoder(columns, type.binary());
            case PARQUET -> throw new IllegalStateException("Parquet rows are typed: ParquetEncoder writes them");
        };
    }

    /** Writes the header line: the column labels as a row of text. */
    public void header(ByteSink out) {
        for (int i = 0; i < columns.size(); i++) {
            beforeField(i, out);
            text(columns.get(i), utf8(columns.get(i).label()), out);
        }
        endRow(out);
    }

    /** Writes the current row of {@code rs}. */
    public void row(ResultSet rs, ByteSink out) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            beforeField(i, out);
            Column column = columns.get(i);
            byte[] value = rs.getBytes(i + 1);
            if (value == null) {
                nullValue(column, out);
            } else {
                switch (column.kind()) {
                    case TEXT -> text(column, value, out);
                    case NUMBER -> number(column, value, out);
                    case BINARY -> text(column, binaryAsText(value), out);
                    case BIT -> number(column, bitsAsNumber(value), out);
                }
            }
        }
        endRow(out);
    }

    /** Writes what goes before field {@code index}: a delimiter, or a key. */
    protected abstract void beforeField(int index, ByteSink out);

    protected abstract void endRow(ByteSink out);

    protected abstract void nullValue(Column column, ByteSink out);

    protected abstract void text(Column column, byte[] value, ByteSink out);

    protected void number(Column column, byte[] value, ByteSink out) {
        out.write(value);
    }

    private byte[] binaryAsText(byte[] value) {
        if (binary == BinaryEncoding.BASE64) {
            return Base64.getEncoder().encode(value);
        }
        byte[] hex = new byte[value.length * 2];
        for (int i = 0; i < value.length; i++) {
            hex[2 * i] = HEX_DIGITS[(value[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX_DIGITS[value[i] & 0xf];
        }
        return hex;
    }

    /** BIT(n) arrives as up to 8 big-endian bytes. */
    static byte[] bitsAsNumber(byte[] value) {
        long bits = 0;
        for (byte b : value) {
            bits = (bits << 8) | (b & 0xff);
        }
        return Long.toUnsignedString(bits).getBytes(StandardCharsets.US_ASCII);
    }

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
