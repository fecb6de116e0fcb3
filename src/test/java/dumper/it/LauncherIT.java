package dumper.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./dumper launcher as README uses it, from the project root after the build: Java 25, the
 * AOT cache, -D options and DUMPER_JAVA_OPTS, nothing but results on stdout, and a clear line
 * before any build.
 */
class LauncherIT {

    private static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();

    @TempDir
    Path dir;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(Path launcher, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("DUMPER_JAVA_OPTS");
        builder.environment().putAll(environment);
        Path err = Files.createTempFile("launcher", ".err");
        Process process = builder.redirectError(err.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        Files.delete(err);
        return new Result(process.exitValue(), stdout, stderr);
    }

    private static Result dumper(Map<String, String> environment, String... args) throws Exception {
        return run(Path.of("dumper").toAbsolutePath(), environment, args);
    }

    private static String zmLine(String list) {
        return list.lines().filter(l -> l.startsWith("zm ")).findFirst().orElseThrow();
    }

    @Test
    void the_build_leaves_an_aot_cache_and_version_alone_is_on_stdout() throws Exception {
        assertThat(APP.resolve("app.aot")).as("trained by ./dumper --train after package").isRegularFile();
        Result version = dumper(Map.of(), "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).matches("dumper \\S+\n");
    }

    @Test
    void a_cache_the_jvm_cannot_use_is_reported_on_stderr_never_on_stdout() throws Exception {
        // A copy of the launcher beside the same build, with a cache that is not one.
        Path app = Files.createDirectories(dir.resolve("target/quarkus-app"));
        for (String part : List.of("lib", "app", "quarkus", "quarkus-run.jar")) {
            Files.createSymbolicLink(app.resolve(part), APP.resolve(part));
        }
        Files.writeString(app.resolve("app.aot"), "not an AOT cache");
        Files.copy(Path.of("dumper"), dir.resolve("dumper"), StandardCopyOption.COPY_ATTRIBUTES);

        Result version = run(dir.resolve("dumper"), Map.of(), "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).matches("dumper \\S+\n");
        assertThat(version.stderr()).containsIgnoringCase("aot");
    }

    @Test
    void before_any_build_it_says_how_to_build() throws Exception {
        Files.copy(Path.of("dumper"), dir.resolve("dumper"), StandardCopyOption.COPY_ATTRIBUTES);
        Result result = run(dir.resolve("dumper"), Map.of(), "--version");
        assertThat(result.exitCode()).isEqualTo(20);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("not built yet", "./mvnw -B package -DskipTests").doesNotContain("Unable to access jarfile");
    }

    @Test
    void dash_d_options_anywhere_reach_the_jvm() throws Exception {
        Result leading = dumper(Map.of(), "-Ddumper.dumps.zm.format=tsv", "list");
        assertThat(leading.exitCode()).as(leading.stderr()).isZero();
        assertThat(zmLine(leading.stdout())).contains("tsv.gz");

        Result trailing = dumper(Map.of(), "list", "-Ddumper.dumps.zm.format=jsonl");
        assertThat(trailing.exitCode()).as(trailing.stderr()).isZero();
        assertThat(zmLine(trailing.stdout())).contains("jsonl.gz");
    }

    @Test
    void dumper_java_opts_adds_to_the_tuned_defaults_and_java_opts_replaces_them() throws Exception {
        // PrintCommandLineFlags lists the JVM's options; the launcher sends JVM output to stderr.
        Result added = dumper(Map.of("DUMPER_JAVA_OPTS", "-XX:+PrintCommandLineFlags -Ddumper.dumps.zm.format=tsv"), "list");
        assertThat(added.exitCode()).as(added.stderr()).isZero();
        assertThat(zmLine(added.stdout())).contains("tsv.gz");
        assertThat(added.stderr()).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=41943040");

        Result replaced = dumper(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx64m"), "list");
        assertThat(replaced.exitCode()).as(replaced.stderr()).isZero();
        assertThat(replaced.stderr()).contains("-XX:MaxHeapSize=67108864").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void serve_takes_its_port_from_a_dash_d_option() throws Exception {
        Path log = dir.resolve("serve.log");
        // A free port: a fixed one could be answered by another service, and the test would pass without this one.
        int port = PackagedApp.freePort();
        Process serve = new ProcessBuilder(Path.of("dumper").toAbsolutePath().toString(), "serve",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PackagedApp.PATIENCE_SECONDS);
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline && serve.isAlive()) {
                try {
                    status = http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                if (status != 200) {
                    Thread.sleep(200);
                }
            }
            assertThat(status).as(Files.readString(log)).isEqualTo(200);
        } finally {
            serve.destroy();
            serve.waitFor(PackagedApp.PATIENCE_SECONDS, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }
}
