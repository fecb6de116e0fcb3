package dumper.it;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts the packaged application as a child process that a test can kill -9, which the Quarkus
 * launcher cannot do: the native executable when the build made one, else the jar.
 */
final class PackagedApp {

    /**
     * The JVM options ./dumper starts the jar with, and its AOT cache: the pom passes them to the
     * Quarkus launcher as {@code quarkus.test.arg-line}, and they serve here too.
     */
    private static final List<String> LAUNCHER_OPTIONS = Stream.of(
            System.getProperty("quarkus.test.arg-line", "--enable-native-access=ALL-UNNAMED").split("\\s+"))
            .filter(option -> !option.isEmpty()).toList();

    /**
     * How long a test waits for something that does come: only a hang reaches it, so it is far
     * above any time on a loaded machine and never a measure of speed. A test that checks that
     * something happens "at once" sets the slow alternative (a grace period, a read timeout)
     * far above it instead.
     */
    static final int PATIENCE_SECONDS = 180;

    /** Every child started, so none outlives the test JVM whatever a test forgot. */
    private static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly), "kill-children"));
    }

    private PackagedApp() {
    }

    static Process start(Path log, String... args) {
        return start(log, Map.of(), args);
    }

    /** Starts it with {@code extra} settings on top of the test database's. */
    static Process start(Path log, Map<String, String> extra, String... args) {
        return start(log, extra, Map.of(), args);
    }

    /** Starts it with extra settings and extra environment variables. */
    static Process start(Path log, Map<String, String> extra, Map<String, String> environment, String... args) {
        return start(log, List.of(), extra, environment, args);
    }

    /** Starts it with JVM options on top of the launcher's (ignored by a native executable) and extra settings. */
    static Process start(Path log, List<String> jvmOptions, Map<String, String> extra, Map<String, String> environment,
            String... args) {
        Map<String, String> config = new java.util.HashMap<>(TestDatabase.ensureStarted());
        config.putAll(extra);
        return start(Path.of(""), log, jvmOptions, config, environment, args);
    }

    /**
     * Starts it in {@code workingDir} with only {@code config} on its command line: what an
     * operator's shell does, with that directory's {@code application.properties}.
     */
    static Process startIn(Path workingDir, Path log, Map<String, String> config, String... args) {
        return start(workingDir, log, List.of(), config, Map.of(), args);
    }

    private static Process start(Path workingDir, Path log, List<String> jvmOptions, Map<String, String> config,
            Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            command.add(nativeImage);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(LAUNCHER_OPTIONS);
            command.addAll(jvmOptions);
        }
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (command.get(0).endsWith("java")) {
            command.add("-jar");
            command.add(Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        }
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(workingDir.toAbsolutePath().toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            STARTED.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code dumper serve} as a child process, and the port it answers on. */
    record Service(Process process, int port) implements AutoCloseable {

        /** SIGTERM, as an orchestrator stops it. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts {@code dumper serve} on a free port, with {@code extra} settings, and waits until
     * the command itself has started (HTTP answers a moment before).
     */
    static Service serve(Path log, Map<String, String> extra) throws InterruptedException, IOException {
        int port = freePort();
        Map<String, String> config = new java.util.HashMap<>(extra);
        config.put("quarkus.http.port", String.valueOf(port));
        Process process = start(log, config, "serve");
        awaitHttp(port, process);
        awaitLine(log, "API access:", process, PATIENCE_SECONDS);
        return new Service(process, port);
    }

    static void awaitHttp(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (given().port(port).get("/q/health/live").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not come up on port " + port);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code file} exists, or fails the test after {@code seconds}. */
    static void awaitFile(Path file, Process process, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError(file + " did not appear (process alive: " + process.isAlive() + ")");
            }
            Thread.sleep(20);
        }
    }

    /** Runs it to its end (a hang fails the test after {@link #PATIENCE_SECONDS}) and gives its exit code; its output is in {@code log}. */
    static int run(Path log, Map<String, String> extra, String... args) throws InterruptedException {
        return run(log, List.of(), extra, args);
    }

    static int run(Path log, List<String> jvmOptions, Map<String, String> extra, String... args) throws InterruptedException {
        Process process = start(log, jvmOptions, extra, Map.of(), args);
        if (!process.waitFor(PATIENCE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
            kill9(process);
            throw new AssertionError("dumper " + String.join(" ", args) + " did not end within " + PATIENCE_SECONDS + " s");
        }
        return process.exitValue();
    }

    /** Waits until {@code log} has a line containing {@code text}, or fails the test after {@code seconds}. */
    static void awaitLine(Path log, String text, Process process, int seconds) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("'" + text + "' did not appear in " + log + " (process alive: " + process.isAlive() + ")");
            }
            Thread.sleep(20);
        }
    }

    static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
