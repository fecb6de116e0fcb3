package dumper.export;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

import dumper.output.ParquetSink;

/**
 * Maps a result's columns to a Parquet schema and its rows to typed values: the Parquet
 * counterpart of {@link RowEncoder}. Values still arrive as the server's text (the text
 * protocol, one row in memory) and are parsed exactly: DECIMAL through {@link BigDecimal} to
 * its unscaled integer, never a double. The mapping is the table in docs/operations.md.
 */
final class ParquetEncoder implements ParquetSink.Row {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private final List<Column> columns;
    private final MessageType schema;
    private final Value[] values;
    private final byte[][] row;

    private ParquetEncoder(List<Column> columns, MessageType schema, Value[] values) {
        this.columns = columns;
        this.schema = schema;
        this.values = values;
        this.row = new byte[columns.size()][];
    }

    /**
     * The encoder for {@code columns}; refuses (IllegalArgumentException, a sentence to follow
     * the query's name) two columns of one name, and a column of a type Parquet cannot hold.
     */
    static ParquetEncoder of(List<Column> columns) {
        Column.refuseDuplicateLabels(columns, "Parquet");
        List<PrimitiveType> fields = new ArrayList<>();
        Value[] values = new Value[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Mapped mapped = map(columns.get(i));
            fields.add(mapped.type());
            values[i] = mapped.value();
        }
        return new ParquetEncoder(columns, new MessageType("row", new ArrayList<>(fields)), values);
    }

    MessageType schema() {
        return schema;
    }

    /** Reads the current row of {@code rs}; the encoder is then the row to write. */
    ParquetSink.Row read(ResultSet rs) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            row[i] = rs.getBytes(i + 1);
        }
        return this;
    }

    @Override
    public void writeTo(RecordConsumer consumer) {
        consumer.startMessage();
        for (int i = 0; i < row.length; i++) {
            byte[] text = row[i];
            if (text != null && !values[i].absent(text)) {
                String name = columns.get(i).label();
                consumer.startField(name, i);
                values[i].add(consumer, text);
                consumer.endField(name, i);
            }
        }
        consumer.endMessage();
    }

    /** How one column's text becomes a value. */
    private interface Value {
        void add(RecordConsumer consumer, byte[] text);

        /** True for text that has no Parquet value (a zero date): written as NULL. */
        default boolean absent(byte[] text) {
            return false;
        }
    }

    private record Mapped(PrimitiveType type, Value value) {
    }

    private static Mapped map(Column column) {
        SourceType source = column.type();
        String name = column.label();
        Repetition repetition = source.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        return switch (source.id()) {
            case 1 -> integer(name, repetition, source.unsigned() ? 16 : 8);
            case 2 -> integer(name, repetition, source.unsigned() ? 32 : 16);
            case 9 -> integer(name, repetition, 32);
            case 3 -> source.unsigned() ? bigint(name, repetition) : integer(name, repetition, 32);
            case 8 -> source.unsigned() ? decimal(name, repetition, 20, 0) : bigint(name, repetition);
            case 0, 246 -> decimal(name, repetition, source.precision(), source.decimals());
            case 4 -> new Mapped(Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name),
                    (c, text) -> c.addFloat(Float.parseFloat(ascii(text))));
            case 5 -> new Mapped(Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name),
                    (c, text) -> c.addDouble(Double.parseDouble(ascii(text))));
            case 13 -> integer(name, repetition, 16);
            case 10, 14 -> date(name);
            case 7, 12, 17, 18 -> timestamp(name);
            case 11, 19 -> new Mapped(Types.primitive(PrimitiveTypeName.INT64, repetition).named(name),
                    (c, text) -> c.addLong(timeMicros(text)));
            case 16 -> source.length() == 1
                    ? new Mapped(Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name),
                            (c, text) -> c.addBoolean(text[text.length - 1] != 0))
                    : bytes(name, repetition, null);
            case 15, 245, 247, 248, 249, 250, 251, 252, 253, 254 ->
                bytes(name, repetition, source.binary() ? null : LogicalTypeAnnotation.stringType());
            case 255 -> bytes(name, repetition, null);
            default -> throw new IllegalArgumentException("returns column " + name + " of type " + source.name()
                    + ", which has no Parquet type; CAST it in the SQL to a type of the mapping in docs/operations.md");
        };
    }

    /** TINYINT to INT as 32-bit integers of the logical width; unsigned ones one width up, so none overflows. */
    private static Mapped integer(String name, Repetition repetition, int bits) {
        return new Mapped(Types.primitive(PrimitiveTypeName.INT32, repetition)
                .as(LogicalTypeAnnotation.intType(bits, true)).named(name),
                (c, text) -> c.addInteger((int) parseLong(text, 0, text.length)));
    }

    private static Mapped bigint(String name, Repetition repetition) {
        return new Mapped(Types.primitive(PrimitiveTypeName.INT64, repetition)
                .as(LogicalTypeAnnotation.intType(64, true)).named(name),
                (c, text) -> c.addLong(parseLong(text, 0, text.length)));
    }

    /**
     * DECIMAL(p,s) as Parquet's decimal of the same precision and scale: in 4 bytes up to 9
     * digits, 8 up to 18, else in the fewest bytes that hold p digits.
     */
    private static Mapped decimal(String name, Repetition repetition, int precision, int scale) {
        LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(scale, precision);
        if (precision <= 9) {
            return new Mapped(Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal).named(name),
                    (c, text) -> c.addInteger(unscaled(text, scale).intValueExact()));
        }
        if (precision <= 18) {
            return new Mapped(Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal).named(name),
                    (c, text) -> c.addLong(unscaled(text, scale).longValueExact()));
        }
        int length = BigInteger.TEN.pow(precision).bitLength() / 8 + 1;
        return new Mapped(Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(length)
                .as(decimal).named(name),
                (c, text) -> c.addBinary(Binary.fromConstantByteArray(twosComplement(unscaled(text, scale), length))));
    }

    /** Zero dates (and dates with a zero month or day) have no Parquet value: such columns are always optional. */
    private static Mapped date(String name) {
        return new Mapped(Types.primitive(PrimitiveTypeName.INT32, Repetition.OPTIONAL)
                .as(LogicalTypeAnnotation.dateType()).named(name), new Value() {
                    @Override
                    public void add(RecordConsumer c, byte[] text) {
                        c.addInteger((int) epochDay(text));
                    }

                    @Override
                    public boolean absent(byte[] text) {
                        return zeroDate(text);
                    }
                });
    }

    /** DATETIME and TIMESTAMP as the wall-clock time the server shows, in microseconds, not adjusted to UTC. */
    private static Mapped timestamp(String name) {
        return new Mapped(Types.primitive(PrimitiveTypeName.INT64, Repetition.OPTIONAL)
                .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name),
                new Value() {
                    @Override
                    public void add(RecordConsumer c, byte[] text) {
                        c.addLong(epochDay(text) * MICROS_PER_DAY + timeMicros(text, 11, text.length));
                    }

                    @Override
                    public boolean absent(byte[] text) {
                        return zeroDate(text);
                    }
                });
    }

    private static Mapped bytes(String name, Repetition repetition, LogicalTypeAnnotation annotation) {
        return new Mapped(Types.primitive(PrimitiveTypeName.BINARY, repetition).as(annotation).named(name),
                (c, text) -> c.addBinary(Binary.fromConstantByteArray(text)));
    }

    private static BigInteger unscaled(byte[] text, int scale) {
        return new BigDecimal(ascii(text)).setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
    }

    /** {@code value} big-endian in {@code length} bytes, sign-extended. */
    static byte[] twosComplement(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        byte[] fixed = new byte[length];
        byte fill = value.signum() < 0 ? (byte) 0xff : 0;
        int pad = length - minimal.length;
        for (int i = 0; i < pad; i++) {
            fixed[i] = fill;
        }
        System.arraycopy(minimal, 0, fixed, pad, minimal.length);
        return fixed;
    }

    private static boolean zeroDate(byte[] text) {
        return parseLong(text, 5, 7) == 0 || parseLong(text, 8, 10) == 0;
    }

    /** {@code YYYY-MM-DD} at the start of {@code text}, as days since 1970-01-01. */
    private static long epochDay(byte[] text) {
        return LocalDate.of((int) parseLong(text, 0, 4), (int) parseLong(text, 5, 7), (int) parseLong(text, 8, 10))
                .toEpochDay();
    }

    /** A TIME as signed microseconds: {@code [-]H+:MM:SS[.ffffff]}, beyond 24 hours and below zero too. */
    static long timeMicros(byte[] text) {
        boolean negative = text[0] == '-';
        long micros = timeMicros(text, negative ? 1 : 0, text.length);
        return negative ? -micros : micros;
    }

    /** {@code H+:MM:SS[.f{1,6}]} in {@code text[from, to)} as microseconds. */
    private static long timeMicros(byte[] text, int from, int to) {
        int firstColon = from;
        while (text[firstColon] != ':') {
            firstColon++;
        }
        long hours = parseLong(text, from, firstColon);
        long minutes = parseLong(text, firstColon + 1, firstColon + 3);
        long seconds = parseLong(text, firstColon + 4, firstColon + 6);
        long micros = 0;
        int fraction = firstColon + 7;
        for (int i = 0; i < 6; i++) {
            micros = micros * 10 + (fraction + i < to ? text[fraction + i] - '0' : 0);
        }
        return ((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + micros;
    }

    /** A decimal integer in ASCII, with an optional sign. */
    static long parseLong(byte[] text, int from, int to) {
        boolean negative = text[from] == '-';
        // Summed below zero, where the long has room for BIGINT's minimum.
        long value = 0;
        for (int i = negative || text[from] == '+' ? from + 1 : from; i < to; i++) {
            value = value * 10 - (text[i] - '0');
        }
        return negative ? value : -value;
    }

    private static String ascii(byte[] text) {
        return new String(text, StandardCharsets.US_ASCII);
    }
}
