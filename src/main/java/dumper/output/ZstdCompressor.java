package dumper.output;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

/**
 * zstd frames through libzstd, called with the Foreign Function API: one frame per block, with
 * its content size and a checksum, so {@code zstd -d} and Python's zstandard read the
 * concatenation as one file. There is no Java fallback: without the library, zstd is refused.
 */
final class ZstdCompressor implements BlockCompressor {

    static final String LIBRARY = "libzstd.so.1";

    /** From zstd.h: ZSTD_c_compressionLevel and ZSTD_c_checksumFlag. */
    private static final int LEVEL_PARAMETER = 100;
    private static final int CHECKSUM_PARAMETER = 201;

    private static final LazyFunctions<Functions> FUNCTIONS = new LazyFunctions<>(Functions::load);
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private final NativeHandles contexts;

    private ZstdCompressor(int level) {
        Functions f = FUNCTIONS.get();
        this.contexts = new NativeHandles(() -> {
            MemorySegment cctx = (MemorySegment) f.create.invokeExact();
            if (!cctx.equals(MemorySegment.NULL)) {
                check(f, (long) f.setParameter.invokeExact(cctx, LEVEL_PARAMETER, level));
                check(f, (long) f.setParameter.invokeExact(cctx, CHECKSUM_PARAMETER, 1));
            }
            return cctx;
        }, cctx -> (long) f.free.invokeExact(cctx));
    }

    /** A compressor at {@code level}; throws {@link IllegalArgumentException} when the library is missing. */
    static ZstdCompressor create(int level) {
        return new ZstdCompressor(level);
    }

    /** Whether libzstd can be loaded here. */
    static boolean available() {
        try {
            FUNCTIONS.get();
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            // Not installed, or (native executable) its downcalls were not registered at build time.
            return false;
        }
    }

    @Override
    public byte[] compress(byte[] input, int len) {
        Functions f = FUNCTIONS.get();
        return contexts.with(cctx -> {
            long bound = (long) f.bound.invokeExact((long) len);
            byte[] out = Scratch.get(SCRATCH, bound);
            long n = (long) f.compress.invokeExact(cctx, MemorySegment.ofArray(out), (long) out.length,
                    MemorySegment.ofArray(input), (long) len);
            check(f, n);
            return Arrays.copyOf(out, (int) n);
        });
    }

    @Override
    public void close() {
        contexts.freeAll();
    }

    private static void check(Functions f, long code) throws Throwable {
        if ((int) f.isError.invokeExact(code) != 0) {
            MemorySegment name = (MemorySegment) f.errorName.invokeExact(code);
            throw new IllegalStateException("zstd: " + name.reinterpret(256).getString(0));
        }
    }

    /** The library's functions, bound once per process. */
    private record Functions(MethodHandle create, MethodHandle setParameter, MethodHandle bound, MethodHandle compress,
            MethodHandle free, MethodHandle isError, MethodHandle errorName) {

        private static Functions load() {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            return new Functions(
                    linker.downcallHandle(lib.findOrThrow("ZSTD_createCCtx"), FunctionDescriptor.of(ADDRESS)),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_CCtx_setParameter"),
                            FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT)),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_compressBound"), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_compress2"),
                            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG),
                            Linker.Option.critical(true)),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_freeCCtx"), FunctionDescriptor.of(JAVA_LONG, ADDRESS)),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_isError"), FunctionDescriptor.of(JAVA_INT, JAVA_LONG)),
                    linker.downcallHandle(lib.findOrThrow("ZSTD_getErrorName"), FunctionDescriptor.of(ADDRESS, JAVA_LONG)));
        }
    }
}
