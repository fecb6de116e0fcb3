package dumper.config;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything an operator sets. Values that people type by hand are kept as text here and
 * parsed by {@link DumpTypes}, so that a typo becomes one line naming the key rather than a
 * start-up stack trace.
 */
@ConfigMapping(prefix = "dumper")
public interface DumperConfig {

    /** The dump types, by name. */
    Map<String, DumpTypeConfig> dumps();

    /** Where finished files land. */
    @WithDefault("./data")
    String outputDir();

    /** Zone in which "today", "now" and scheduled windows are computed. */
    @WithDefault("UTC")
    String timeZone();

    /** Uncompressed bytes per gzip member; members are compressed in parallel. */
    @WithDefault("1048576")
    int blockSize();

    /** Threads that compress blocks; 0 means one per core. */
    @WithDefault("0")
    int compressionThreads();

    /**
     * MySQL session time zone for the dump connection, e.g. {@code +00:00}. TIMESTAMP columns
     * are rendered by the server in this zone; unset keeps the server's own setting.
     */
    Optional<String> sessionTimeZone();
}
