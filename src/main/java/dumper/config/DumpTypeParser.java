package dumper.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * Turns one dump type's settings, as configured, into a checked {@link DumpType}: the first
 * problem found is a {@link ConfigProblem} naming the setting and what to write instead.
 * Pure: it reads nothing but its arguments.
 */
public final class DumpTypeParser {

    /** Type names become parts of file names, so only these characters are allowed. */
    static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private DumpTypeParser() {
    }

    public static DumpType parse(String name, DumpTypeConfig c) {
        return parse(name, c, Optional.empty());
    }

    /** {@code globalPublishTo}: {@code dumper.publish-to}, for the types that do not name a bucket of their own. */
    public static DumpType parse(String name, DumpTypeConfig c, Optional<String> globalPublishTo) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new ConfigProblem("dump type name '" + name + "' is not a safe file name; use lower-case letters, digits, '-' and '_'");
        }
        String prefix = "dumper.dumps." + name + ".";
        DateRange range = parseEnum(prefix + "date-range", c.dateRange(), DateRange.class);
        BatchSize batch = parse(prefix + "batch", c.batch(), BatchSize::parse, "use e.g. 7d, 4h, P7D or PT4H");
        int fetchSize = parseInt(prefix + "fetch-size", c.fetchSize(), 1, Integer.MAX_VALUE);
        int threads = parseInt(prefix + "threads", c.threads(), 1, DumpType.MAX_THREADS);
        OutputFormat format = parseEnum(prefix + "format", c.format(), OutputFormat.class);
        Compression compression = parseEnum(prefix + "compression",
                c.compression().orElse(format.columnar ? "zstd" : "gzip"), Compression.class);
        if (compression == Compression.SNAPPY && !format.columnar) {
            throw new ConfigProblem(prefix + "compression=snappy is only for format=parquet; use gzip or zstd");
        }
        int compressionLevel = compression.maxLevel == 0 ? 0
                : parseInt(prefix + "compression-level", c.compressionLevel().orElse(String.valueOf(compression.defaultLevel)),
                        1, compression.maxLevel);
        String files = c.files().trim().toLowerCase(Locale.ROOT);
        if (!files.equals("run") && !files.equals("batch")) {
            throw new ConfigProblem(prefix + "files=" + c.files() + " is not valid; use run or batch");
        }
        DumpType.DefaultWindow window = parseWindow(prefix + "window", c.window());
        if (range == DateRange.PROHIBITED && !(window instanceof DumpType.DefaultWindow.None)) {
            throw new ConfigProblem(prefix + "window=" + c.window() + " needs a query with :start and :end; set date-range to optional");
        }
        boolean header = parseBoolean(prefix + "header", c.header());
        if (!header && format != OutputFormat.CSV && format != OutputFormat.TSV) {
            throw new ConfigProblem(prefix + "header=false applies to csv and tsv; JSON Lines and Parquet files have no header row: remove the line");
        }
        String fileName = c.fileName().orElse(range == DateRange.PROHIBITED ? "{type}_{now}.{ext}" : "{type}_{start}_{end}.{ext}");
        return new DumpType(name,
                Path.of(c.queryFile().orElse("queries/" + name + ".sql")),
                range, batch, fetchSize, threads, window, c.datasource(), format, compression,
                compressionLevel, fileName, files.equals("batch"),
                parseEnum(prefix + "binary", c.binary(), BinaryEncoding.class),
                c.csvNull(), schedules(prefix + "schedule", c.schedule(), window, range),
                parseBoolean(prefix + "replace", c.replace()), header,
                c.publishTo().isPresent() ? BucketAddress.parse(prefix + "publish-to", c.publishTo().get())
                        : globalPublishTo.flatMap(v -> BucketAddress.parse("dumper.publish-to", v)));
    }

    private static List<String> schedules(String key, Optional<String> value, DumpType.DefaultWindow window,
            DateRange range) {
        if (value.isEmpty() || value.get().isBlank()) {
            return List.of();
        }
        List<String> crons = new ArrayList<>();
        for (String cron : value.get().split(";")) {
            String expression = cron.trim().replaceAll("\\s+", " ");
            try {
                CRON.parse(expression).validate();
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem(key + "=" + value.get() + ": '" + expression + "' is not a cron expression ("
                        + e.getMessage() + "); use Quartz syntax with seconds, e.g. 0 1 17 * * ?");
            }
            crons.add(expression);
        }
        if (range == DateRange.REQUIRED || (range == DateRange.OPTIONAL && window instanceof DumpType.DefaultWindow.None)) {
            throw new ConfigProblem(key + " is set but a scheduled run has no dates; set "
                    + key.replace("schedule", "window") + " (today, since-last-run or a duration) and date-range=optional");
        }
        return List.copyOf(crons);
    }

    private static DumpType.DefaultWindow parseWindow(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "none" -> new DumpType.DefaultWindow.None();
            case "today" -> new DumpType.DefaultWindow.Today();
            case "since-last-run" -> new DumpType.DefaultWindow.SinceLastRun();
            default -> {
                BatchSize size = parse(key, value, BatchSize::parse, "use none, today, since-last-run or a duration such as P1D or 12h");
                if (!size.period().isZero() && (size.period().getMonths() != 0 || size.period().getYears() != 0)) {
                    throw new ConfigProblem(key + "=" + value + " must be in days or hours, not months");
                }
                yield new DumpType.DefaultWindow.Back(size);
            }
        };
    }

    static <E extends Enum<E>> E parseEnum(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigProblem(key + "=" + value + " is not valid; use one of " + String.join(", ", allowed));
        }
    }

    private static int parseInt(String key, String value, int min, int max) {
        String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigProblem(key + "=" + value + " is not a whole number; use one " + range);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigProblem(key + "=" + value + " must be " + range);
        }
        return parsed;
    }

    private static boolean parseBoolean(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigProblem(key + "=" + value + " is not valid; use true or false");
        }
        return v.equals("true");
    }

    static <T> T parse(String key, String value, Function<String, T> parser, String hint) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ConfigProblem(key + "=" + value + " is not valid; " + hint);
        }
    }
}
