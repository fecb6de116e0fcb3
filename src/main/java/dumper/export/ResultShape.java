package dumper.export;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mysql.cj.MysqlType;
import com.mysql.cj.result.Field;

/**
 * The columns a query returns: their names, order and server types. A run records the shape of
 * its first batch in its staging area, and every later batch (also after a resume, and on a
 * worker) must return the same one: rows of another shape under one header would be wrong data,
 * and a reordered table would swap values between columns without a sign. Writers that type
 * their output (Parquet) read the same recorded shape.
 *
 * <p>A type is the server's type name, with the precision and scale where they change how a
 * value is written (DECIMAL, fractional seconds); lengths of strings do not.
 */
public record ResultShape(List<ResultShape.TypedColumn> columns) {

    /** One column: its label and its server type, e.g. {@code DECIMAL(10,2)} or {@code INT UNSIGNED}. */
    public record TypedColumn(String name, String type) {

        @Override
        public String toString() {
            return name + " " + type;
        }
    }

    /** The shape of a result, from the driver's description of its columns. */
    public static ResultShape of(ResultSetMetaData metaData) throws SQLException {
        Field[] fields = metaData.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields();
        List<TypedColumn> columns = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            columns.add(new TypedColumn(fields[i].getColumnLabel(), type(fields[i], metaData.getPrecision(i + 1))));
        }
        return new ResultShape(List.copyOf(columns));
    }

    private static String type(Field field, int precision) {
        MysqlType type = field.getMysqlType();
        return switch (type) {
            case DECIMAL, DECIMAL_UNSIGNED -> type.getName() + "(" + precision + "," + field.getDecimals() + ")";
            case DATETIME, TIMESTAMP, TIME -> field.getDecimals() > 0 ? type.getName() + "(" + field.getDecimals() + ")"
                    : type.getName();
            default -> type.getName();
        };
    }

    /**
     * One line per column, {@code name<TAB>type}: how the shape is recorded. A backslash or a line
     * break in a name (a label can hold any character) is escaped; a type never holds a tab.
     */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (TypedColumn column : columns) {
            String name = column.name().replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
            text.append(name).append('\t').append(column.type()).append('\n');
        }
        return text.toString();
    }

    /** A shape recorded with {@link #text()}. */
    public static ResultShape parse(String text) {
        List<TypedColumn> columns = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                int tab = line.lastIndexOf('\t');
                columns.add(new TypedColumn(unescape(line.substring(0, tab)), line.substring(tab + 1)));
            }
        }
        return new ResultShape(List.copyOf(columns));
    }

    /**
     * What differs from {@code first}, in words naming each changed column ("column note added
     * (VARCHAR), column old dropped, column b moved from position 2 to 3"); empty when this shape
     * is the same.
     */
    public Optional<String> changesFrom(ResultShape first) {
        if (equals(first)) {
            return Optional.empty();
        }
        Map<String, Integer> before = positions(first);
        Map<String, Integer> now = positions(this);
        List<String> changes = new ArrayList<>();
        for (TypedColumn column : columns) {
            Integer was = before.get(column.name());
            if (was == null) {
                changes.add("column " + column.name() + " added (" + column.type() + ")");
            } else if (!first.columns.get(was).type().equals(column.type())) {
                changes.add("column " + column.name() + " changed from " + first.columns.get(was).type() + " to " + column.type());
            }
        }
        for (TypedColumn column : first.columns) {
            if (!now.containsKey(column.name())) {
                changes.add("column " + column.name() + " dropped");
            }
        }
        // Positions among the columns both shapes have, so that an added or dropped column does
        // not make every column after it look moved.
        List<String> kept = first.columns.stream().map(TypedColumn::name).filter(now::containsKey).toList();
        List<String> keptNow = columns.stream().map(TypedColumn::name).filter(before::containsKey).toList();
        for (int i = 0; i < Math.min(kept.size(), keptNow.size()); i++) {
            if (!keptNow.get(i).equals(kept.get(i))) {
                changes.add("column " + keptNow.get(i) + " moved from position " + (before.get(keptNow.get(i)) + 1) + " to "
                        + (now.get(keptNow.get(i)) + 1));
            }
        }
        if (changes.isEmpty()) {
            // Same names, types and order: only a duplicated label can differ.
            changes.add("columns " + columns + " instead of " + first.columns);
        }
        return Optional.of(String.join(", ", changes));
    }

    private static String unescape(String name) {
        StringBuilder plain = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                char next = name.charAt(++i);
                plain.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    /** Each column's index by name (the first, should a label repeat). */
    private static Map<String, Integer> positions(ResultShape shape) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < shape.columns.size(); i++) {
            positions.putIfAbsent(shape.columns.get(i).name(), i);
        }
        return positions;
    }
}
