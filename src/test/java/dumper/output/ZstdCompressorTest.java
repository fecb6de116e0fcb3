package dumper.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dumper.config.Compression;

class ZstdCompressorTest {

    @TempDir
    Path dir;

    @Test
    void one_frame_per_block_reads_back_with_the_zstd_tool_as_one_file() throws Exception {
        Path file = dir.resolve("out.csv.zst");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(3);
        try (DeflatePool pool = new DeflatePool(2); BlockCompressor zstd = Compressors.create(Compression.ZSTD, 3, true)) {
            GzipBlockWriter writer = new GzipBlockWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    pool, zstd, new BlockPool(16 * 1024, 4));
            ByteSink sink = new ByteSink(writer, 16 * 1024);
            for (int row = 0; row < 50_000; row++) {
                byte[] line = ("row " + row + "," + random.nextInt(1000) + ",\"naïve " + Long.toHexString(random.nextLong()) + "\"\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                sink.write(line);
                expected.write(line);
                sink.endRow();
            }
            sink.close();
            assertThat(writer.fileBytes()).isEqualTo(Files.size(file)).isLessThan(expected.size() / 2);
        }
        Process unzstd = new ProcessBuilder("zstd", "-dcq", file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] text = unzstd.getInputStream().readAllBytes();
        assertThat(unzstd.waitFor()).isZero();
        assertThat(text).isEqualTo(expected.toByteArray());
    }

    @Test
    void an_empty_file_is_one_empty_frame() throws IOException, InterruptedException {
        Path file = dir.resolve("empty.zst");
        try (DeflatePool pool = new DeflatePool(1); BlockCompressor zstd = Compressors.create(Compression.ZSTD, 19, true)) {
            new ByteSink(new GzipBlockWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    pool, zstd, new BlockPool(1024, 1)), 1024).close();
        }
        assertThat(Files.size(file)).isPositive();
        Process test = new ProcessBuilder("zstd", "-tq", file.toString()).inheritIO().start();
        assertThat(test.waitFor()).isZero();
    }
}
