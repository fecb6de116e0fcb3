package dumper.guard;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table a DDL statement changes, and which tables a query may read: enough to tell that
 * an {@code ALTER TABLE} waits for a batch's metadata lock (every later query on that table
 * would queue behind it), without performance_schema, which MariaDB leaves off.
 */
final class DdlStatements {

    private static final Pattern DDL = Pattern.compile("^\\s*(?:/\\*.*?\\*/\\s*)*(?:ALTER\\s+(?:ONLINE\\s+)?(?:IGNORE\\s+)?TABLE"
            + "|DROP\\s+TABLE(?:\\s+IF\\s+EXISTS)?|TRUNCATE(?:\\s+TABLE)?|RENAME\\s+TABLE|OPTIMIZE\\s+(?:LOCAL\\s+)?TABLE"
            + "|CREATE\\s+(?:UNIQUE\\s+|FULLTEXT\\s+|SPATIAL\\s+)?INDEX\\s+\\S+\\s+ON|DROP\\s+INDEX\\s+\\S+\\s+ON)\\s+([`\\w.$]+)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[\\w$]+");

    private DdlStatements() {
    }

    /**
     * The table {@code statement} changes, as {@code schema.table} in lower case without quotes
     * ({@code database} when it names no schema), if it is DDL.
     */
    static Optional<String> table(String statement, String database) {
        if (statement == null) {
            return Optional.empty();
        }
        Matcher m = DDL.matcher(statement);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1).replace("`", "").toLowerCase(Locale.ROOT);
        return Optional.of(name.contains(".") ? name : String.valueOf(database).toLowerCase(Locale.ROOT) + "." + name);
    }

    /** Every word of {@code sql} in lower case: the tables it reads are among them. */
    static Set<String> words(String sql) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(sql.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
