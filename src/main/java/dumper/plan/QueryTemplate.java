package dumper.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A query with named parameters ({@code :start}, {@code :end}) turned into a JDBC statement with
 * {@code ?} placeholders. Values are always bound, never spliced into the text. Quoted strings,
 * quoted identifiers and comments are skipped, so {@code ':start'} in a literal stays literal.
 */
public record QueryTemplate(String source, String jdbcSql, List<String> parameters) {

    /** First words of statements that only read. */
    private static final Set<String> READING = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    public static QueryTemplate parse(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        List<String> params = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int skipTo = skippedUntil(sql, i);
            if (skipTo > i) {
                out.append(sql, i, skipTo);
                i = skipTo;
            } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(sql.charAt(j))) {
                    j++;
                }
                params.add(sql.substring(i + 1, j));
                out.append('?');
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return new QueryTemplate(sql, stripTrailingSemicolon(out.toString()), List.copyOf(params));
    }

    /** End of the literal or comment starting at {@code i}, or {@code i} when none starts there. */
    private static int skippedUntil(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"' || c == '`') {
            int j = i + 1;
            while (j < sql.length()) {
                char d = sql.charAt(j);
                if (d == '\\' && c != '`') {
                    j += 2;
                } else if (d == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2;
                    } else {
                        return j + 1;
                    }
                } else {
                    j++;
                }
            }
            return sql.length();
        }
        if (sql.startsWith("--", i) || c == '#') {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? sql.length() : eol;
        }
        if (sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        return i;
    }

    private static String stripTrailingSemicolon(String sql) {
        String trimmed = sql.strip();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /**
     * Whether the statement reads only: its first word, after comments, blanks and opening
     * parentheses, is SELECT, WITH, VALUES or TABLE. An executable comment ({@code /*! ... *}{@code /})
     * is not skipped: the server runs what it holds.
     */
    public boolean isSelect() {
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            int skipTo = c == '\'' || c == '"' || c == '`' || source.startsWith("/*!", i) || source.startsWith("/*M!", i)
                    ? i : skippedUntil(source, i);
            if (skipTo > i) {
                i = skipTo;
            } else if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else {
                break;
            }
        }
        int end = i;
        while (end < source.length() && Character.isLetter(source.charAt(end))) {
            end++;
        }
        return READING.contains(source.substring(i, end).toUpperCase(Locale.ROOT));
    }

    public Set<String> parameterNames() {
        return Set.copyOf(parameters);
    }

    /** The SHA-256 of the SQL text, so a manifest says exactly which query made a file. */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
