package dumper.export;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A result column: the label it gets in the header, how its values are written as text, and
 * what the server says of its type (which a typed format such as Parquet maps from).
 */
public record Column(String label, ColumnKind kind, SourceType type) {

    /**
     * Two columns with one name would write one key twice (JSON Lines: parsers keep only the last
     * value) or one field name twice (Parquet: readers find only one): a value would silently
     * vanish. Names compare as the server sends them; aliases fix it.
     */
    static void refuseDuplicateLabels(List<Column> columns, String format) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.label())) {
                repeated.add(column.label());
            }
        }
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException("returns more than one column named " + String.join(", ", repeated)
                    + ", which " + format + " cannot hold (one name per column); give each column its own name with AS");
        }
    }
}
