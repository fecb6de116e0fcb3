package dumper.export;

import java.util.List;

import dumper.config.BinaryEncoding;
import dumper.output.ByteSink;

/** A row per line, fields separated by one byte: what CSV and TSV share. */
abstract class DelimitedEncoder extends RowEncoder {

    private final byte delimiter;

    DelimitedEncoder(List<Column> columns, BinaryEncoding binary, char delimiter) {
        super(columns, binary);
        this.delimiter = (byte) delimiter;
    }

    @Override
    protected void beforeField(int index, ByteSink out) {
        if (index > 0) {
            out.write(delimiter);
        }
    }

    @Override
    protected void endRow(ByteSink out) {
        out.write('\n');
    }
}
