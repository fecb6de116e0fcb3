package dumper.plan;

import dumper.config.Compression;

/**
 * Whether this process can write a compression method (zstd needs a native library), so that
 * planning refuses a type it cannot write before anything is queued or exported.
 */
public interface CompressionSupport {

    /** Throws a {@code ConfigProblem} saying what to install when {@code compression} is unavailable. */
    void requireAvailable(Compression compression);
}
