package dumper.output;

/**
 * Turns one block of text into one self-contained piece of a compressed file: a gzip member or
 * a zstd frame. Concatenated in order, the pieces are one valid file for the usual readers.
 * Implementations are safe to call from several threads at once.
 */
public interface BlockCompressor extends AutoCloseable {

    /** The compressed form of {@code len} bytes of {@code input}, sized to fit. */
    byte[] compress(byte[] input, int len);

    /** Frees native state; the compressor is not used afterwards. */
    @Override
    default void close() {
    }
}
