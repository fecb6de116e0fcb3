package dumper.export;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dumper.config.BinaryEncoding;
import dumper.output.ByteSink;

/**
 * RFC 4180: comma-separated, CRLF-free line ends ({@code \n}), a field is quoted when it holds a
 * comma, a quote, CR or LF, and quotes inside are doubled. NULL is an empty unquoted field (or the
 * configured marker) and the empty string is {@code ""}, so the two never look alike.
 */
final class CsvEncoder extends DelimitedEncoder {

    private static final byte QUOTE = '"';
    private static final byte[] EMPTY_STRING = {QUOTE, QUOTE};

    private final byte[] nullMarker;

    CsvEncoder(List<Column> columns, BinaryEncoding binary, Optional<String> nullMarker) {
        super(columns, binary, ',');
        this.nullMarker = utf8(nullMarker.orElse(""));
    }

    @Override
    protected void nullValue(Column column, ByteSink out) {
        out.write(nullMarker);
    }

    @Override
    protected void text(Column column, byte[] value, ByteSink out) {
        if (value.length == 0) {
            out.write(EMPTY_STRING);
            return;
        }
        if (!needsQuotes(value)) {
            out.write(value);
            return;
        }
        out.write(QUOTE);
        int from = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == QUOTE) {
                out.write(value, from, i + 1 - from);
                out.write(QUOTE);
                from = i + 1;
            }
        }
        out.write(value, from, value.length - from);
        out.write(QUOTE);
    }

    private boolean needsQuotes(byte[] value) {
        if (value.length == nullMarker.length && Arrays.equals(value, nullMarker)) {
            return true;
        }
        for (byte b : value) {
            if (b == ',' || b == QUOTE || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
