package dumper.plan;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Set;

import dumper.config.ConfigProblem;
import dumper.config.DateRange;
import dumper.config.DumpType;

/** Reads a type's SQL file and checks that its parameters fit the type's date range. */
public final class QueryFiles {

    private static final Set<String> WINDOW = Set.of("start", "end");

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private QueryFiles() {
    }

    /** The statement's start, on one line and short, for a message. */
    private static String firstWords(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    public static QueryTemplate load(DumpType type) {
        String file = type.queryFile().toString();
        String sql;
        try {
            sql = Files.readString(type.queryFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigProblem("query file " + file + " of type " + type.name() + " does not exist; create it or set dumper.dumps."
                    + type.name() + ".query-file (or QUERY_FILE_" + type.name().toUpperCase().replace('-', '_') + ")");
        } catch (CharacterCodingException e) {
            throw new ConfigProblem("query file " + file + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new ConfigProblem("query file " + file + " cannot be read (" + e.getMessage() + "); check its permissions");
        }
        // Editors on Windows start UTF-8 files with a byte order mark, which the server would read as SQL.
        if (sql.startsWith(BYTE_ORDER_MARK)) {
            sql = sql.substring(BYTE_ORDER_MARK.length());
        }
        if (sql.isBlank()) {
            throw new ConfigProblem("query file " + file + " is empty; write the SELECT for type " + type.name());
        }
        QueryTemplate query = QueryTemplate.parse(sql);
        if (!query.isSelect()) {
            // Refused before any connection: a dump must never change the source.
            throw new ConfigProblem("query file " + file + " of type " + type.name() + " is not a SELECT (it starts with '"
                    + firstWords(sql) + "'); a dump only reads: write a SELECT (or WITH ... SELECT)");
        }
        Set<String> names = query.parameterNames();
        for (String name : names) {
            if (!WINDOW.contains(name)) {
                throw new ConfigProblem("query file " + file + " uses :" + name + "; only :start and :end are bound");
            }
        }
        if (type.dateRange() == DateRange.PROHIBITED && !names.isEmpty()) {
            throw new ConfigProblem("query file " + file + " uses :start/:end but type " + type.name()
                    + " has date-range=prohibited; remove them or set date-range to optional or required");
        }
        if (type.dateRange() != DateRange.PROHIBITED && !names.equals(WINDOW)) {
            throw new ConfigProblem("query file " + file + " must use both :start and :end (date-range="
                    + type.dateRange().name().toLowerCase() + "), e.g. WHERE ts >= :start AND ts < :end");
        }
        return query;
    }
}
