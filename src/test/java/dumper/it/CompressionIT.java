package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * The three compressors of the packaged app on the same two weeks of zm: libdeflate, the
 * java.util.zip fallback and zstd write different bytes that hold the same text, in files of
 * many members (frames) that the usual tools read as one.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class CompressionIT {

    /** 64 KiB blocks: two weeks of zm make several members per batch, not one. */
    private static final int BLOCK = 64 * 1024;

    private static Path dump(String name, Map<String, String> settings) throws Exception {
        Path out = ItSupport.newOutputDir(name);
        Map<String, String> all = new HashMap<>(settings);
        all.put("dumper.block-size", String.valueOf(BLOCK));
        // Each run publishes into a directory of its own: the same name with other bytes
        // (another compressor's) in one publish directory would be refused as a silent replace.
        all.put("dumper.publish-dir", Files.createDirectory(out.resolve("published")).toString());
        Process app = PackagedApp.start(out.resolve("run.log"), all, "--dump", "zm", "2024-01-01", "2024-01-14",
                "--output-dir", out.toString());
        assertThat(app.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(app.exitValue()).as(Files.readString(out.resolve("run.log"))).isZero();
        return out;
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static byte[] run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return output;
    }

    @Test
    void libdeflate_and_the_zlib_fallback_write_different_gzip_of_the_same_rows() throws Exception {
        Path libdeflate = dump("libdeflate", Map.of()).resolve("zm_2024-01-01_2024-01-14.csv.gz");
        Path zlib = dump("zlib", Map.of("dumper.native-compression", "false")).resolve("zm_2024-01-01_2024-01-14.csv.gz");

        byte[] text = gunzip(libdeflate);
        assertThat(text.length).as("several blocks").isGreaterThan(3 * BLOCK);
        assertThat(gunzip(zlib)).isEqualTo(text);
        assertThat(Files.readAllBytes(libdeflate)).as("two compressors, two encodings").isNotEqualTo(Files.readAllBytes(zlib));
        // gzip itself reads every member, and Python's gzip module as well.
        assertThat(run("gzip", "-dc", libdeflate.toString())).isEqualTo(text);
        assertThat(run("gzip", "-dc", zlib.toString())).isEqualTo(text);
        assertThat(ItSupport.readCsv(libdeflate)).hasSize(1 + ItSupport.query(
                "SELECT COUNT(*) FROM vaccination_event WHERE event_time >= '2024-01-01' AND event_time < '2024-01-15'")
                .stream().mapToInt(r -> Integer.parseInt(r.get(0))).sum());
    }

    @Test
    void zstd_files_hold_the_same_text_and_read_with_zstd_d() throws Exception {
        Path gzip = dump("gzip", Map.of()).resolve("zm_2024-01-01_2024-01-14.csv.gz");
        Path out = dump("zstd", Map.of("dumper.dumps.zm.compression", "zstd"));
        Path zstd = out.resolve("zm_2024-01-01_2024-01-14.csv.zst");

        assertThat(run("zstd", "-dcq", zstd.toString())).isEqualTo(gunzip(gzip));
        assertThat(Files.size(zstd)).as("zstd level 3 against gzip level 5").isLessThan(Files.size(gzip));
        assertThat(Files.readString(out.resolve("zm_2024-01-01_2024-01-14.csv.zst.manifest.json"))).contains("\"zstd\"");
    }

    @Test
    void a_zstd_level_out_of_range_is_refused_before_anything_is_written() throws Exception {
        Path out = ItSupport.newOutputDir("zstdlevel");
        Process app = PackagedApp.start(out.resolve("run.log"),
                Map.of("dumper.dumps.zm.compression", "zstd", "dumper.dumps.zm.compression-level", "20"),
                "--dump", "zm", "2024-01-01", "2024-01-07", "--output-dir", out.toString());
        assertThat(app.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(out.resolve("run.log"));
        assertThat(app.exitValue()).as(log).isEqualTo(3);
        assertThat(log).contains("dumper.dumps.zm.compression-level=20", "between 1 and 19");
        assertThat(ItSupport.visibleFiles(out)).extracting(p -> p.getFileName().toString()).containsExactly("run.log");
    }
}
