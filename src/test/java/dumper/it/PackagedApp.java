package dumper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the packaged application as a child process that a test can kill -9, which the Quarkus
 * launcher cannot do: the native executable when the build made one, else the jar.
 */
final class PackagedApp {

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

    /** Starts it with JVM options (ignored by the native executable), extra settings and environment. */
    static Process start(Path log, List<String> jvmOptions, Map<String, String> extra, Map<String, String> environment,
            String... args) {
        Map<String, String> config = new java.util.HashMap<>(TestDatabase.ensureStarted());
        config.putAll(extra);
        List<String> command = new ArrayList<>();
        String nativeImage = System.getProperty("native.image.path");
        if (nativeImage != null && Files.isExecutable(Path.of(nativeImage))) {
            command.add(nativeImage);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (command.get(0).endsWith("java")) {
            command.addAll(1, jvmOptions);
            command.add("-jar");
            command.add("target/quarkus-app/quarkus-run.jar");
        }
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            STARTED.add(process);
            return process;
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
