package dumper.export;

import java.util.List;

import dumper.config.BinaryEncoding;
import dumper.output.ByteSink;

/**
 * Tab-separated in the MySQL text format ({@code mysql --batch}, {@code LOAD DATA} defaults):
 * NULL is {@code \N}; backslash, tab, LF, CR and NUL are backslash-escaped.
 */
final class TsvEncoder extends DelimitedEncoder {

    private static final byte[] NULL = {'\\', 'N'};

    TsvEncoder(List<Column> columns, BinaryEncoding binary) {
        super(columns, binary, '\t');
    }

    @Override
    protected void nullValue(Column column, ByteSink out) {
        out.write(NULL);
    }

    @Override
    protected void text(Column column, byte[] value, ByteSink out) {
        int from = 0;
        for (int i = 0; i < value.length; i++) {
            byte escaped = switch (value[i]) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case 0 -> '0';
                default -> -1;
            };
            if (escaped != -1) {
                out.write(value, from, i - from);
                out.write('\\');
                out.write(escaped);
                from = i + 1;
            }
        }
        out.write(value, from, value.length - from);
    }
}
