package dumper.export;

import com.mysql.cj.result.Field;

/**
 * A result column's type as the server describes it in the result set metadata: the protocol's
 * type id (not JDBC's mapping of it), its length (BIT: bits), precision and decimals (DECIMAL:
 * digits and scale) and flags.
 */
public record SourceType(String name, int id, boolean unsigned, boolean binary, long length, int precision, int decimals,
        boolean nullable) {

    private static final int BINARY_COLLATION = 63;

    /** {@code precision} as JDBC reports it (the driver's reading of the display length). */
    public static SourceType of(Field field, int precision) {
        return new SourceType(field.getMysqlType().getName(), field.getMysqlTypeId(), field.isUnsigned(),
                field.getCollationIndex() == BINARY_COLLATION, field.getLength(), precision, field.getDecimals(),
                !field.isNotNull());
    }
}
