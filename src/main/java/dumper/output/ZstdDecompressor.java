package dumper.output;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Reads back a zstd file as {@link ZstdCompressor} writes it (frames that each carry their
 * content size) through libzstd, one frame at a time, for {@link ContentDigest}.
 */
final class ZstdDecompressor {

    /** ZSTD_getFrameContentSize's answers when a frame does not say its size, or is not a frame. */
    private static final long UNKNOWN = -1;
    private static final long ERROR = -2;

    private static final LazyFunctions<Functions> FUNCTIONS = new LazyFunctions<>(Functions::load);

    private ZstdDecompressor() {
    }

    /** The sha256 of the decompressed bytes of the file open in {@code channel} (closed here); {@code file} names it in messages. */
    static String sha256(FileChannel channel, Path file) throws IOException {
        Functions f = FUNCTIONS.get();
        MessageDigest digest = DurableFiles.sha256();
        byte[] out = new byte[0];
        try (Arena arena = Arena.ofConfined(); channel) {
            MemorySegment all = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            long at = 0;
            while (at < all.byteSize()) {
                MemorySegment rest = all.asSlice(at);
                long frame = f.check((long) f.frameSize.invokeExact(rest, rest.byteSize()));
                long size = (long) f.contentSize.invokeExact(rest, frame);
                if (size == UNKNOWN || size == ERROR || size > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": a zstd frame at byte " + at + " does not say its size");
                }
                if (out.length < size) {
                    out = new byte[(int) size];
                }
                long n = f.check((long) f.decompress.invokeExact(MemorySegment.ofArray(out), (long) out.length, rest, frame));
                digest.update(out, 0, (int) n);
                at += frame;
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The library's functions, bound once per process. */
    private record Functions(MethodHandle frameSize, MethodHandle contentSize, MethodHandle decompress,
            MethodHandle isError, MethodHandle errorName) {

        /** {@code result}, unless it is one of libzstd's error codes. */
        long check(long result) throws Throwable {
            if ((int) isError.invokeExact(result) != 0) {
                MemorySegment name = (MemorySegment) errorName.invokeExact(result);
                throw new IOException("zstd: " + name.reinterpret(256).getString(0));
            }
            return result;
        }

        private static Functions load() {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(ZstdCompressor.LIBRARY, Arena.global());
            Linker.Option critical = Linker.Option.critical(true);
            return new Functions(
                    linker.downcallHandle(lib.findOrThrow("ZSTD_findFrameCompressedSize"),
                            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG), critical),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_getFrameContentSize"),
                            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG), critical),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_decompress"),
                            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG), critical),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_isError"), FunctionDescriptor.of(JAVA_INT, JAVA_LONG)),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_getErrorName"), FunctionDescriptor.of(ADDRESS, JAVA_LONG)));
        }
    }
}
