package dumper.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import dumper.config.Compression;
import dumper.config.DumpType;

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
        return type.format().columnar ? DurableFiles.sha256(file) : sha256(file, type.compression());
    }

    /** The sha256 (hex) of a text file's decompressed bytes, for a file compressed with {@code compression}. */
    public static String sha256(Path file, Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> DurableFiles.sha256(file);
            case GZIP -> gzip(file);
            case ZSTD -> ZstdDecompressor.sha256(file);
            case SNAPPY -> throw new IllegalArgumentException("snappy compresses only Parquet pages, not whole files");
        };
    }

    /** Every member in turn: GZIPInputStream reads on into the next member of a concatenation. */
    private static String gzip(Path file) throws IOException {
        MessageDigest digest = DurableFiles.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
