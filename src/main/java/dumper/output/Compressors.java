package dumper.output;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dumper.config.Compression;
import dumper.config.ConfigProblem;

/**
 * Picks the compressor for a method and level: gzip through libdeflate when it is installed,
 * else through zlib; zstd through libzstd only.
 */
public final class Compressors {

    private static final Logger LOG = Logger.getLogger("dumper.output");
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private Compressors() {
    }

    /**
     * A compressor for {@code compression} (not {@code NONE}) at {@code level}. {@code useNative}
     * false keeps gzip on zlib even where libdeflate exists (the setting dumper.native-compression).
     */
    public static BlockCompressor create(Compression compression, int level, boolean useNative) {
        if (compression == Compression.ZSTD) {
            requireAvailable(compression);
            return ZstdCompressor.create(level);
        }
        if (compression != Compression.GZIP) {
            throw new IllegalArgumentException("nothing to compress for " + compression);
        }
        if (useNative) {
            try {
                return LibdeflateCompressor.create(level);
            } catch (IllegalArgumentException | LinkageError e) {
                // IllegalArgumentException: the library is not installed; LinkageError: a native
                // executable built without the downcalls registered.
                if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.infof("gzip through java.util.zip: %s is not installed (apt-get install libdeflate0 compresses"
                            + " about twice as fast)", LibdeflateCompressor.LIBRARY);
                }
            }
        }
        return new ZlibCompressor(level);
    }

    /** Refuses a method whose library is missing, before anything is exported. */
    public static void requireAvailable(Compression compression) {
        if (compression == Compression.ZSTD && !ZstdCompressor.available()) {
            throw new ConfigProblem("compression=zstd needs " + ZstdCompressor.LIBRARY
                    + ", which is not installed; apt-get install libzstd1, or use compression=gzip");
        }
    }
}
