package dumper.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The old tool's environment variables: {@code QUERY_FILE_ZM=./queries/zm.sql} sets
 * {@code dumper.dumps.zm.query-file}, so an existing {@code .env} keeps working. Ranks just below
 * the regular environment source, so {@code DUMPER_DUMPS_ZM_QUERY_FILE} wins when both are set.
 * Like the operator's file, it gives nothing while the application is built.
 */
public class LegacyEnvConfigSource extends MapBackedConfigSource {

    private static final String PREFIX = "QUERY_FILE_";

    public LegacyEnvConfigSource() {
        this(BuildTime.isNow() ? Map.of() : System.getenv());
    }

    LegacyEnvConfigSource(Map<String, String> environment) {
        super("QUERY_FILE_<TYPE> environment variables", aliases(environment), 295);
    }

    private static Map<String, String> aliases(Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        environment.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                String type = key.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
                values.put("dumper.dumps." + type + ".query-file", value);
            }
        });
        return values;
    }
}
