package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dumper.config.Compression;

/**
 * The same text compressed in other blocks (as other batch boundaries give) or by another
 * compressor is other bytes but the same content digest: the sha256 of the text itself.
 */
class ContentDigestTest {

    @TempDir
    Path dir;

    private final byte[] text = text();

    @Test
    void gzip_in_other_blocks_or_by_another_compressor_has_the_same_content_digest() throws Exception {
        Path small = write("small.gz", new ZlibCompressor(6), 4 * 1024);
        Path large = write("large.gz", new ZlibCompressor(1), 64 * 1024);
        Path libdeflate = write("libdeflate.gz", Compressors.create(Compression.GZIP, 6, true), 16 * 1024);

        assertThat(DurableFiles.sha256(small)).isNotEqualTo(DurableFiles.sha256(large)).isNotEqualTo(DurableFiles.sha256(libdeflate));
        assertThat(ContentDigest.sha256(small, Compression.GZIP)).isEqualTo(ContentDigest.sha256(large, Compression.GZIP))
                .isEqualTo(ContentDigest.sha256(libdeflate, Compression.GZIP)).isEqualTo(sha256OfText());
    }

    @Test
    void zstd_frames_of_other_sizes_have_the_same_content_digest() throws Exception {
        Path small = write("small.zst", Compressors.create(Compression.ZSTD, 3, true), 4 * 1024);
        Path large = write("large.zst", Compressors.create(Compression.ZSTD, 9, true), 64 * 1024);

        assertThat(DurableFiles.sha256(small)).isNotEqualTo(DurableFiles.sha256(large));
        assertThat(ContentDigest.sha256(small, Compression.ZSTD)).isEqualTo(ContentDigest.sha256(large, Compression.ZSTD))
                .isEqualTo(sha256OfText());
    }

    @Test
    void an_uncompressed_file_is_its_own_content() throws Exception {
        Path plain = dir.resolve("plain.csv");
        Files.write(plain, text);
        assertThat(ContentDigest.sha256(plain, Compression.NONE)).isEqualTo(sha256OfText());
    }

    @Test
    void a_digest_started_in_the_background_reads_the_file_it_opened_even_once_it_is_renamed_or_deleted() throws Exception {
        Path file = write("moving.gz", new ZlibCompressor(6), 16 * 1024);
        ContentDigest.Pending pending = ContentDigest.start(file, Compression.GZIP);
        // Publishing renames the staged file into the output directory while the digest reads it.
        Files.move(file, dir.resolve("published.gz"));
        Files.delete(dir.resolve("published.gz"));
        assertThat(pending.get()).isEqualTo(sha256OfText());
    }

    @Test
    void a_file_that_is_not_what_its_compression_says_fails_when_the_digest_is_asked_for() throws Exception {
        Path plain = dir.resolve("not-gzip.csv.gz");
        Files.write(plain, text);
        ContentDigest.Pending pending = ContentDigest.start(plain, Compression.GZIP);
        org.assertj.core.api.Assertions.assertThatThrownBy(pending::get).isInstanceOf(java.util.zip.ZipException.class);
    }

    private Path write(String name, BlockCompressor compressor, int blockSize) throws Exception {
        Path file = dir.resolve(name);
        try (DeflatePool pool = new DeflatePool(2); compressor) {
            GzipBlockWriter writer = new GzipBlockWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    pool, compressor, new BlockPool(blockSize, 4));
            ByteSink sink = new ByteSink(writer, blockSize);
            for (String line : new String(text, StandardCharsets.UTF_8).split("(?<=\n)")) {
                sink.write(line.getBytes(StandardCharsets.UTF_8));
                sink.endRow();
            }
            sink.close();
        }
        return file;
    }

    private String sha256OfText() {
        return java.util.HexFormat.of().formatHex(DurableFiles.sha256().digest(text));
    }

    private static byte[] text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Random random = new java.util.Random(7);
        for (int row = 0; row < 20_000; row++) {
            out.writeBytes(("row " + row + "," + random.nextInt(1000) + ",\"naïve " + Long.toHexString(random.nextLong()) + "\"\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
