package dumper.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The operators' {@code application.properties} in the working directory (or the file named by
 * {@code DUMPER_CONFIG_FILE}), read at run time, so a new dump type needs no rebuild, also for
 * the native binary. It ranks above the built-in defaults and below environment variables and
 * system properties; {@code %prod.} style profile keys work as in any Quarkus source. It gives
 * nothing while the application is built, so no operator setting (or password) is recorded in
 * the build: the built-in defaults live in {@code src/main/resources/application.properties}.
 */
public class OperatorConfigSource extends MapBackedConfigSource {

    private static final int ORDINAL = 260;

    public OperatorConfigSource() {
        this(Path.of(System.getenv().getOrDefault("DUMPER_CONFIG_FILE", "application.properties")));
    }

    private OperatorConfigSource(Path file) {
        super("operator config " + file.toAbsolutePath(), BuildTime.isNow() ? Map.of() : read(file), ORDINAL);
    }

    private static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> values = new HashMap<>();
        loaded.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return Map.copyOf(values);
    }
}
