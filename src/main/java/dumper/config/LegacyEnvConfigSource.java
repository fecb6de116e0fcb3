package dumper.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The old tool's environment variables: {@code QUERY_FILE_ZM=./queries/zm.sql} sets
 * {@code dumper.dumps.zm.query-file}, so an existing {@code .env} keeps working. Ranks just below
 * the regular environment source, so {@code DUMPER_DUMPS_ZM_QUERY_FILE} wins when both are set.
 */
public class LegacyEnvConfigSource implements ConfigSource {

    private static final String PREFIX = "QUERY_FILE_";

    private final Map<String, String> properties;

    public LegacyEnvConfigSource() {
        this(System.getenv());
    }

    LegacyEnvConfigSource(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                String type = key.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
                values.put("dumper.dumps." + type + ".query-file", value);
            }
        });
        this.properties = Map.copyOf(values);
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "QUERY_FILE_<TYPE> environment variables";
    }

    @Override
    public int getOrdinal() {
        return 295;
    }
}
