package dumper.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;

import dumper.config.Compression;
import dumper.config.DumpType;
import dumper.core.OutOfMemory;

/**
 * The sha256 of what a file holds once decompressed: its rows as text, whatever the compressor
 * made of them. Two runs over the same rows give the same digest even when their files differ
 * byte for byte (other batch boundaries give other gzip members or zstd frames; libdeflate and
 * zlib, or two versions of a library, compress differently). The replace rule compares this; the
 * file's own sha256 stays for checking a download.
 */
public final class ContentDigest {

    private ContentDigest() {
    }

    /**
     * The sha256 (hex) of {@code file}'s decompressed bytes, for a file of {@code type}. A Parquet
     * file compresses its pages inside itself and has no decompressed form: its content is its
     * bytes, so other batch boundaries (other row groups) count as other content there.
     */
    public static String sha256(Path file, DumpType type) throws IOException {
        return sha256(open(file), file, compressionOf(type));
    }

    /** The sha256 (hex) of a text file's decompressed bytes, for a file compressed with {@code compression}. */
    public static String sha256(Path file, Compression compression) throws IOException {
        return sha256(open(file), file, compression);
    }

    /**
     * Starts digesting {@code file} on a thread of its own and returns at once. The file is opened
     * here, so it may be renamed (published) while it is read. Decompressing the whole file takes
     * as long as uploading it (half a second for 50 MB of gzip): a publish reads it beside its copies.
     */
    public static Pending start(Path file, DumpType type) throws IOException {
        return start(file, compressionOf(type));
    }

    static Pending start(Path file, Compression compression) throws IOException {
        FileChannel channel = open(file);
        FutureTask<String> task = new FutureTask<>(() -> sha256(channel, file, compression));
        Thread.ofPlatform().name("content-digest").daemon().start(task);
        return new Pending(task);
    }

    /** A digest being computed; {@link #get} waits for it. */
    public static final class Pending {

        private final FutureTask<String> task;

        private Pending(FutureTask<String> task) {
            this.task = task;
        }

        public String get() throws IOException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the file back");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof OutOfMemoryError oom) {
                    // As everywhere: one line and the process ends (core.OutOfMemory).
                    throw OutOfMemory.halt(oom);
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e.getCause();
            }
        }
    }

    /** How {@code type}'s file is read back: a Parquet file as it is (its pages are compressed inside). */
    private static Compression compressionOf(DumpType type) {
        return type.format().columnar ? Compression.NONE : type.compression();
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Reads the file open in {@code channel} to its end, and closes it. */
    private static String sha256(FileChannel channel, Path file, Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> digest(Channels.newInputStream(channel));
            case GZIP -> {
                try (InputStream compressed = Channels.newInputStream(channel)) {
                    yield digest(new GZIPInputStream(compressed, 1 << 16));
                }
            }
            case ZSTD -> ZstdDecompressor.sha256(channel, file);
            case SNAPPY -> {
                channel.close();
                throw new IllegalArgumentException("snappy compresses only Parquet pages, not whole files");
            }
        };
    }

    /** Every byte of {@code bytes}; for gzip every member in turn: GZIPInputStream reads on into the next member. */
    private static String digest(InputStream bytes) throws IOException {
        MessageDigest digest = DurableFiles.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = bytes) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
