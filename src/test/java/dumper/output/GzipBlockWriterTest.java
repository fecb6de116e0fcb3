package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipBlockWriterTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void many_blocks_compressed_in_parallel_decompress_to_the_same_bytes_in_order() throws IOException {
        Path file = dir.resolve("out.gz");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(7);
        GzipBlockWriter writer = new GzipBlockWriter(open(file), pool, 3, 6, 64 * 1024);
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

    @Test
    void a_file_without_rows_is_still_valid_gzip() throws IOException {
        Path file = dir.resolve("empty.gz");
        new ByteSink(new GzipBlockWriter(open(file), pool, 3, 6, 64 * 1024), 64 * 1024).close();
        assertThat(Files.size(file)).isPositive();
        assertThat(gunzip(file)).isEmpty();
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
