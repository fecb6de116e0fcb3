package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;

/**
 * The default output directory is made on first use; a directory the operator named must
 * exist, and the error says which option or setting to change.
 */
@QuarkusMainIntegrationTest
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = true)
class OutputDirIT {

    private static final int OUTPUT = 5;

    /** The test database's settings without any output or publish directory. */
    private static Map<String, String> unnamed() {
        Map<String, String> config = new HashMap<>(TestDatabase.ensureStarted());
        config.remove("dumper.output-dir");
        config.remove("dumper.publish-dir");
        return config;
    }

    private record Result(int exitCode, List<String> lines) {
    }

    private static Result run(Path workingDir, Map<String, String> config, String... args) throws Exception {
        Path log = Files.createTempFile(TestDatabase.outputDir, "run", ".log");
        Process process = PackagedApp.startIn(workingDir, log, config, args);
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readAllLines(log).stream().filter(l -> l.startsWith("dumper: ")).toList());
    }

    @Test
    void the_default_data_directory_is_made_when_missing() throws Exception {
        Path fresh = ItSupport.newOutputDir("fresh");
        Result result = run(fresh, unnamed(), "--dump", "snapshot");
        assertThat(result.exitCode()).as(result.lines().toString()).isZero();
        assertThat(ItSupport.visibleFiles(fresh.resolve("data")))
                .anySatisfy(file -> assertThat(file.getFileName().toString()).startsWith("snapshot_").endsWith(".csv.gz"));
    }

    @Test
    void a_missing_directory_named_by_the_option_stops_the_run() throws Exception {
        Path fresh = ItSupport.newOutputDir("option");
        Result result = run(fresh, unnamed(), "--dump", "snapshot", "--output-dir", "elsewhere");
        assertThat(result.exitCode()).isEqualTo(OUTPUT);
        assertThat(result.lines()).singleElement().asString()
                .contains("output directory elsewhere does not exist", "pass an existing directory to --output-dir");
        assertThat(fresh.resolve("elsewhere")).doesNotExist();
        assertThat(fresh.resolve("data")).doesNotExist();
    }

    @Test
    void a_missing_directory_named_by_the_setting_stops_the_run() throws Exception {
        Path fresh = ItSupport.newOutputDir("setting");
        Map<String, String> config = unnamed();
        config.put("dumper.output-dir", "/nonexistent/dumper-data");
        Result result = run(fresh, config, "--dump", "snapshot");
        assertThat(result.exitCode()).isEqualTo(OUTPUT);
        assertThat(result.lines()).singleElement().asString()
                .contains("output directory /nonexistent/dumper-data (dumper.output-dir) does not exist", "change dumper.output-dir");
    }

    @Test
    void a_missing_publish_directory_stops_the_run_before_any_file() throws Exception {
        Path fresh = ItSupport.newOutputDir("publish");
        Map<String, String> config = unnamed();
        config.put("dumper.publish-dir", fresh.resolve("portal").toString());
        Result result = run(fresh, config, "--dump", "snapshot");
        assertThat(result.exitCode()).isEqualTo(OUTPUT);
        assertThat(result.lines()).singleElement().asString()
                .contains("publish directory", "(dumper.publish-dir) does not exist", "change dumper.publish-dir");
        assertThat(fresh.resolve("portal")).doesNotExist();
        assertThat(ItSupport.visibleFiles(fresh.resolve("data"))).isEmpty();
    }
}
