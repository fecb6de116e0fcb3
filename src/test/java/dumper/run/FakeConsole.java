package dumper.run;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A terminal screen as a person would see it: interprets {@code \r} (back to column 0),
 * {@code \n} (next row) and {@code \033[K} (clear to the end of the row); any other escape fails.
 */
final class FakeConsole extends Writer {

    private final List<StringBuilder> rows = new ArrayList<>(List.of(new StringBuilder()));
    private final StringBuilder escape = new StringBuilder();
    private int column;

    @Override
    public synchronized void write(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            put(chars[i]);
        }
    }

    private void put(char c) {
        StringBuilder row = rows.get(rows.size() - 1);
        if (!escape.isEmpty() || c == '\033') {
            escape.append(c);
            if (escape.length() == 3) {
                if (!escape.toString().equals("\033[K")) {
                    throw new AssertionError("unexpected escape sequence " + escape.substring(1));
                }
                row.setLength(Math.min(row.length(), column));
                escape.setLength(0);
            }
        } else if (c == '\r') {
            column = 0;
        } else if (c == '\n') {
            rows.add(new StringBuilder());
            column = 0;
        } else {
            while (row.length() < column) {
                row.append(' ');
            }
            if (column < row.length()) {
                row.setCharAt(column, c);
            } else {
                row.append(c);
            }
            column++;
        }
    }

    /** Every row, the last one being where the cursor is. */
    synchronized List<String> screen() {
        return rows.stream().map(StringBuilder::toString).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
