package dumper.export;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dumper.config.BinaryEncoding;
import dumper.output.ByteSink;

/**
 * One JSON object per line, keys in column order. Numbers stay exact JSON numbers (DECIMAL
 * text is valid JSON); everything else, including JSON columns, is a JSON string.
 */
final class JsonLinesEncoder extends RowEncoder {

    private static final byte[] NULL = utf8("null");
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** For each column, {@code {"label":} or {@code ,"label":}, encoded once. */
    private final byte[][] keys;

    JsonLinesEncoder(List<Column> columns, BinaryEncoding binary) {
        super(columns, binary);
        Column.refuseDuplicateLabels(columns, "JSON Lines");
        keys = new byte[columns.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = utf8((i == 0 ? "{" : ",") + quoted(columns.get(i).label()) + ":");
        }
    }

    @Override
    public void header(ByteSink out) {
        // JSON Lines carries the names in every row.
    }

    @Override
    protected void beforeField(int index, ByteSink out) {
        out.write(keys[index]);
    }

    @Override
    protected void endRow(ByteSink out) {
        out.write('}');
        out.write('\n');
    }

    @Override
    protected void nullValue(Column column, ByteSink out) {
        out.write(NULL);
    }

    @Override
    protected void text(Column column, byte[] value, ByteSink out) {
        out.write('"');
        int from = 0;
        for (int i = 0; i < value.length; i++) {
            int b = value[i] & 0xff;
            if (b == '"' || b == '\\' || b < 0x20) {
                out.write(value, from, i - from);
                out.write('\\');
                switch (b) {
                    case '"' -> out.write('"');
                    case '\\' -> out.write('\\');
                    case '\n' -> out.write('n');
                    case '\r' -> out.write('r');
                    case '\t' -> out.write('t');
                    default -> {
                        out.write('u');
                        out.write('0');
                        out.write('0');
                        out.write(HEX[b >> 4]);
                        out.write(HEX[b & 0xf]);
                    }
                }
                from = i + 1;
            }
        }
        out.write(value, from, value.length - from);
        out.write('"');
    }

    @Override
    protected void number(Column column, byte[] value, ByteSink out) {
        // ZEROFILL columns and YEAR 0000 arrive with leading zeros, which a JSON number may not
        // have: those stay as the server wrote them, in a string.
        if (hasLeadingZero(value)) {
            text(column, value, out);
        } else {
            out.write(value);
        }
    }

    static boolean hasLeadingZero(byte[] number) {
        int first = number.length > 0 && number[0] == '-' ? 1 : 0;
        return number.length > first + 1 && number[first] == '0' && number[first + 1] >= '0' && number[first + 1] <= '9';
    }

    private static String quoted(String label) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : label.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
