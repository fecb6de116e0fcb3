package dumper.config;

import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;


/** The configured dump types, parsed and checked once, before any query runs. */
@ApplicationScoped
public class DumpTypes {

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
        zone = DumpTypeParser.parse("dumper.time-zone", config.timeZone(), ZoneId::of, "use a region such as Africa/Lusaka or an offset such as +02:00");
        Map<String, DumpType> parsed = new TreeMap<>();
        config.dumps().forEach((name, settings) -> parsed.put(name, DumpTypeParser.parse(name, settings, config.publishTo())));
        missedFires = DumpTypeParser.parseEnum("dumper.serve.missed-fires", config.serve().missedFires(), MissedFires.class);
        ByteSizes.blockSize(config);
        ByteSizes.maxRowSize(config);
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

    /** Longest unknown type name shown in a message. */
    private static final int SHOWN_NAME = 64;

    public DumpType get(String name) {
        // A sorted map cannot look up null: no name is an unknown type too, not a NullPointerException.
        DumpType type = name == null ? null : all().get(name);
        if (type == null) {
            if (name != null && name.length() > SHOWN_NAME) {
                // Whatever a caller sent (a megabyte, say) is not echoed back: its start and length say enough.
                throw new UnknownType("unknown dump type '" + name.substring(0, SHOWN_NAME) + "…' (" + name.length()
                        + " characters); known types: " + String.join(", ", types.keySet()));
            }
            throw new UnknownType("unknown dump type '" + name + "'; known types: "
                    + String.join(", ", types.keySet()) + " (add one with queries/" + name + ".sql and dumper.dumps." + name + ".* settings)");
        }
        return type;
    }

    /** Keys of one dump type: the names of {@link DumpTypeConfig}'s settings. */
    private static final Set<String> TYPE_KEYS = ConfigKeys.of(DumpTypeConfig.class, "");
    /** Other keys: the settings of {@link DumperConfig} (but its map of types). */
    private static final Set<String> GLOBAL_KEYS = ConfigKeys.of(DumperConfig.class, "dumper.");

    /**
     * A misspelt key would otherwise be ignored (or stop start-up with a stack trace); here it
     * is one line naming it. Environment variables are left out: {@code DUMPER_*} names belong
     * to scripts and launchers too ({@code DUMPER_CONFIG_FILE}, a benchmark's {@code DUMPER_JAR}).
     */
    private static void rejectUnknownKeys() {
        Config config = ConfigProvider.getConfig();
        for (String key : config.getPropertyNames()) {
            if (!key.startsWith("dumper.") || GLOBAL_KEYS.contains(key) || fromEnvironment(config, key)) {
                continue;
            }
            String[] parts = key.split("\\.");
            boolean underDumps = parts.length >= 2 && parts[1].equals("dumps");
            boolean typeKey = parts.length >= 4 && underDumps && TYPE_KEYS.contains(parts[parts.length - 1]);
            if (!typeKey && underDumps) {
                throw new ConfigProblem("unknown setting " + key + "; dump types take dumper.dumps.<type>."
                        + String.join("|", new TreeSet<>(TYPE_KEYS)));
            }
            if (!typeKey) {
                throw new ConfigProblem("unknown setting " + key + "; docs/operations.md lists the dumper.* settings");
            }
        }
    }

    private static boolean fromEnvironment(Config config, String key) {
        String source = config.getConfigValue(key).getSourceName();
        return source != null && source.startsWith("EnvConfigSource");
    }

}
