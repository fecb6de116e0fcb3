package dumper.export;

import com.mysql.cj.result.Field;

/**
 * How the server's text for a column becomes output. Over the text protocol the server already
 * sends every value as text (DATETIME as stored, DECIMAL exact, zero dates as zeros), so most
 * columns pass through byte for byte; only raw bytes and BIT values need converting.
 */
public enum ColumnKind {
    /** Characters, dates, times, JSON, ENUM, SET: written as the server sent them. */
    TEXT,
    /** Integers, DECIMAL, FLOAT, DOUBLE, YEAR: written as sent, never quoted. */
    NUMBER,
    /** Bytes with the binary character set (BLOB, BINARY, VARBINARY, GEOMETRY): hex or base64. */
    BINARY,
    /** BIT(n): the server sends raw bits; written as an unsigned number. */
    BIT;

    private static final int BINARY_COLLATION = 63;

    /** Classifies a result column from the protocol's own type id, not from JDBC's mapping of it. */
    public static ColumnKind of(Field field) {
        return switch (field.getMysqlTypeId()) {
            case 16 -> BIT;
            case 0, 1, 2, 3, 4, 5, 8, 9, 13, 246 -> NUMBER;
            case 255 -> BINARY;
            case 15, 249, 250, 251, 252, 253, 254 ->
                field.getCollationIndex() == BINARY_COLLATION ? BINARY : TEXT;
            default -> TEXT;
        };
    }
}
