package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import dumper.config.Compression;

class GzipBlockWriterTest {

    private final DeflatePool pool = new DeflatePool(3);

    private final BlockPool blocks = new BlockPool(64 * 1024, 8);

    @TempDir
    Path dir;

    private BlockCompressor compressor;

    @AfterEach
    void stop() {
        pool.close();
        if (compressor != null) {
            compressor.close();
        }
    }

    /** Both gzip paths: libdeflate, which must be installed where the tests run, and the zlib fallback. */
    private BlockCompressor gzip(boolean libdeflate) {
        if (compressor == null) {
            compressor = Compressors.create(Compression.GZIP, 6, libdeflate);
            assertThat(compressor).isInstanceOf(libdeflate ? LibdeflateCompressor.class : ZlibCompressor.class);
        }
        return compressor;
    }

    @ParameterizedTest(name = "libdeflate: {0}")
    @ValueSource(booleans = {true, false})
    void many_blocks_compressed_in_parallel_decompress_to_the_same_bytes_in_order(boolean libdeflate) throws IOException {
        Path file = dir.resolve("out.gz");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(7);
        GzipBlockWriter writer = new GzipBlockWriter(open(file), pool, gzip(libdeflate), blocks);
        ByteSink sink = new ByteSink(writer, 64 * 1024);
        for (int row = 0; row < 200_000; row++) {
            byte[] line = ("row " + row + "," + random.nextInt(1000) + ",\"text " + Long.toHexString(random.nextLong()) + "\"\n").getBytes();
            sink.write(line);
            expected.write(line);
            sink.endRow();
        }
        sink.close();

        assertThat(gunzip(file)).isEqualTo(expected.toByteArray());
        assertThat(writer.fileBytes()).isEqualTo(Files.size(file)).isLessThan(expected.size() / 2);
    }

    @ParameterizedTest(name = "libdeflate: {0}")
    @ValueSource(booleans = {true, false})
    void rows_larger_than_a_block_and_buffers_reused_by_the_next_file_keep_every_byte(boolean libdeflate) throws IOException {
        Random random = new Random(11);
        for (String name : new String[] {"first.gz", "second.gz"}) {
            Path file = dir.resolve(name);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ByteSink sink = new ByteSink(new GzipBlockWriter(open(file), pool, gzip(libdeflate), blocks), 64 * 1024);
            for (int row = 0; row < 40; row++) {
                // Every tenth row is 3 MB of incompressible bytes: far beyond a block and the deflate buffer.
                byte[] line = new byte[row % 10 == 9 ? 3 << 20 : 1 + random.nextInt(50_000)];
                random.nextBytes(line);
                sink.write(line);
                expected.write(line);
                sink.endRow();
            }
            sink.close();
            assertThat(gunzip(file)).isEqualTo(expected.toByteArray());
        }
    }

    @ParameterizedTest(name = "libdeflate: {0}")
    @ValueSource(booleans = {true, false})
    void a_file_without_rows_is_still_valid_gzip(boolean libdeflate) throws IOException {
        Path file = dir.resolve("empty.gz");
        new ByteSink(new GzipBlockWriter(open(file), pool, gzip(libdeflate), blocks), 64 * 1024).close();
        assertThat(Files.size(file)).isPositive();
        assertThat(gunzip(file)).isEmpty();
    }

    @ParameterizedTest(name = "libdeflate: {0}")
    @ValueSource(booleans = {true, false})
    void a_write_failure_does_not_give_a_block_back_twice(boolean libdeflate) throws Exception {
        // One deflate thread: a task submitted last finishes after every earlier one.
        try (DeflatePool oneThread = new DeflatePool(1)) {
            FileChannel closed = open(dir.resolve("full.gz"));
            closed.close(); // every write now fails with an IOException, as on a full disk
            ByteSink sink = new ByteSink(new GzipBlockWriter(closed, oneThread, gzip(libdeflate), blocks), 1024);
            assertThatThrownBy(() -> {
                for (int row = 0; row < 100; row++) {
                    sink.write(new byte[1024]);
                    sink.endRow();
                }
            }).isInstanceOf(UncheckedIOException.class);
            sink.abandon();
            oneThread.compress(new byte[1], 1, gzip(libdeflate), new BlockPool(1, 1)).get();

            Set<byte[]> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < 16; i++) {
                assertThat(handedOut.add(blocks.take())).as("buffer %d handed out once", i).isTrue();
            }
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
