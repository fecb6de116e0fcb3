package dumper.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

import dumper.config.BinaryEncoding;
import dumper.config.Compression;
import dumper.config.OutputFormat;
import dumper.config.BatchSize;
import dumper.core.DumperException;

/** The configured dump types, parsed and checked once, before any query runs. */
@ApplicationScoped
public class DumpTypes {

    /** More connections than this per run would crowd the server rather than speed the run. */
    public static final int MAX_THREADS = 16;
    /** Type names become parts of file names, so only these characters are allowed. */
    static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final DumperConfig config;
    private Map<String, DumpType> types;
    private ZoneId zone;
    private MissedFires missedFires;

    /** What serve mode does with the fires of a schedule that passed while it was down. */
    public enum MissedFires {
        SKIP, ONCE, EACH
    }

    DumpTypes(DumperConfig config) {
        this.config = config;
    }

    /** Parses the configuration; the first problem found is thrown as one line. */
    public synchronized void validate() {
        if (types != null) {
            return;
        }
        rejectUnknownKeys();
        zone = parse("dumper.time-zone", config.timeZone(), ZoneId::of, "use a region such as Africa/Lusaka or an offset such as +02:00");
        Map<String, DumpType> parsed = new TreeMap<>();
        config.dumps().forEach((name, settings) -> parsed.put(name, parse(name, settings)));
        missedFires = parseEnum("dumper.serve.missed-fires", config.serve().missedFires(), MissedFires.class);
        if (config.blockSize() < 64 * 1024) {
            throw new ConfigProblem("dumper.block-size=" + config.blockSize() + " is too small; use at least 65536");
        }
        types = Collections.unmodifiableMap(parsed);
    }

    public Map<String, DumpType> all() {
        validate();
        return types;
    }

    public ZoneId zone() {
        validate();
        return zone;
    }

    public MissedFires missedFires() {
        validate();
        return missedFires;
    }

    public DumpType get(String name) {
        DumpType type = all().get(name);
        if (type == null) {
            throw new UnknownType("unknown dump type '" + name + "'; known types: "
                    + String.join(", ", types.keySet()) + " (add one with queries/" + name + ".sql and dumper.dumps." + name + ".* settings)");
        }
        return type;
    }

    /** Keys of one dump type, as in {@link DumpTypeConfig}. */
    private static final Set<String> TYPE_KEYS = Set.of("query-file", "date-range", "batch", "fetch-size", "threads",
            "schedule", "window", "datasource", "format", "compression", "compression-level", "file-name", "files", "binary",
            "csv-null", "replace");
    /** Other keys, as in {@link DumperConfig}. */
    private static final Pattern GLOBAL_KEYS = Pattern.compile("dumper\\.(mode|output-dir|publish-dir|time-zone|block-size"
            + "|compression-threads|native-compression|session-time-zone|report\\.(enabled|datasource|insert|exists|update|last-end)"
            + "|retry\\.(attempts|backoff)|source\\.(first-row-timeout|read-timeout|max-row-size)|serve\\.(parallel-runs|shutdown-grace|missed-fires|api-token|allow-anonymous)"
            + "|queue\\.(enabled|host|port|username|password|virtual-host|prefix|worker-concurrency|attempts|batch-timeout))");

    /**
     * A misspelt key would otherwise be ignored (or stop start-up with a stack trace); here it
     * is one line naming it. Environment variables are left out: {@code DUMPER_*} names belong
     * to scripts and launchers too ({@code DUMPER_CONFIG_FILE}, a benchmark's {@code DUMPER_JAR}).
     */
    private static void rejectUnknownKeys() {
        Config config = ConfigProvider.getConfig();
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith("dumper.") || GLOBAL_KEYS.matcher(key).matches() || fromEnvironment(config, key)) {
                continue;
            }
            String[] parts = key.split("\\.");
            boolean typeKey = parts.length >= 4 && parts[1].equals("dumps")
                    && TYPE_KEYS.contains(parts[parts.length - 1]);
            if (!typeKey && parts[1].equals("dumps")) {
                throw new ConfigProblem("unknown setting " + key + "; dump types take dumper.dumps.<type>."
                        + String.join("|", new TreeSet<>(TYPE_KEYS)));
            }
            if (!typeKey) {
                throw new ConfigProblem("unknown setting " + key + "; the README lists the dumper.* settings");
            }
        }
    }

    private static boolean fromEnvironment(Config config, String key) {
        String source = config.getConfigValue(key).getSourceName();
        return source != null && source.startsWith("EnvConfigSource");
    }

    private static DumpType parse(String name, DumpTypeConfig c) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new ConfigProblem("dump type name '" + name + "' is not a safe file name; use lower-case letters, digits, '-' and '_'");
        }
        String prefix = "dumper.dumps." + name + ".";
        DateRange range = parseEnum(prefix + "date-range", c.dateRange(), DateRange.class);
        BatchSize batch = parse(prefix + "batch", c.batch(), BatchSize::parse, "use e.g. 7d, 4h, P7D or PT4H");
        int fetchSize = parseInt(prefix + "fetch-size", c.fetchSize(), 1, Integer.MAX_VALUE);
        int threads = parseInt(prefix + "threads", c.threads(), 1, MAX_THREADS);
        Compression compression = parseEnum(prefix + "compression", c.compression(), Compression.class);
        int compressionLevel = compression == Compression.NONE ? 0
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
        OutputFormat format = parseEnum(prefix + "format", c.format(), OutputFormat.class);
        String fileName = c.fileName().orElse(range == DateRange.PROHIBITED ? "{type}_{now}.{ext}" : "{type}_{start}_{end}.{ext}");
        return new DumpType(name,
                Path.of(c.queryFile().orElse("queries/" + name + ".sql")),
                range, batch, fetchSize, threads, window, c.datasource(), format, compression,
                compressionLevel, fileName, files.equals("batch"),
                parseEnum(prefix + "binary", c.binary(), BinaryEncoding.class),
                c.csvNull(), schedules(prefix + "schedule", c.schedule(), window, range),
                parseBoolean(prefix + "replace", c.replace()));
    }

    private static List<String> schedules(String key, java.util.Optional<String> value, DumpType.DefaultWindow window,
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

    private static <E extends Enum<E>> E parseEnum(String key, String value, Class<E> type) {
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

    private static <T> T parse(String key, String value, Function<String, T> parser, String hint) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ConfigProblem(key + "=" + value + " is not valid; " + hint);
        }
    }
}
