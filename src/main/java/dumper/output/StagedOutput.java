package dumper.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dumper.run.DumperException;
import dumper.run.ExitCode;

/**
 * The staging area of one output file, under {@code <output>/.dumper/<file name>/}. Each batch
 * is written to {@code NNNNNN.part} and renamed to {@code NNNNNN.done} once flushed and synced,
 * so a crashed or interrupted run leaves its finished batches for the next run to resume from.
 * A file lock keeps two runs from writing the same file. Nothing appears under a final name
 * until it is complete: the parts are joined into a temporary file, synced and renamed.
 */
public final class StagedOutput implements AutoCloseable {

    private static final String PLAN = "plan";

    private final Path outputDir;
    private final Path stagingDir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StagedOutput(Path outputDir, Path stagingDir, FileChannel lockChannel, FileLock lock) {
        this.outputDir = outputDir;
        this.stagingDir = stagingDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Locks and opens the staging area for {@code fileName}. Finished batches of an earlier run
     * are kept when {@code fingerprint} (query, format, batches) matches, and dropped otherwise.
     */
    public static StagedOutput open(Path outputDir, String fileName, String fingerprint) {
        checkWritableDirectory(outputDir);
        Path root = outputDir.resolve(".dumper");
        FileChannel channel = null;
        try {
            Files.createDirectories(root);
            channel = FileChannel.open(root.resolve(fileName + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DumperException(ExitCode.BUSY, "another run is already writing " + fileName + " in " + outputDir
                        + "; wait for it to finish (or stop it) and run again");
            }
            Path staging = root.resolve(fileName);
            Files.createDirectories(staging);
            Path plan = staging.resolve(PLAN);
            if (!Files.exists(plan) || !Files.readString(plan).equals(fingerprint)) {
                clear(staging);
                Files.writeString(plan, fingerprint, StandardCharsets.UTF_8);
            }
            return new StagedOutput(outputDir, staging, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw DumperException.output("cannot prepare " + root + " (" + e.getMessage() + "); check the output directory", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    static void checkWritableDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw DumperException.output("output directory " + dir + " does not exist; create it or pass --output-dir", null);
        }
        if (!Files.isWritable(dir)) {
            throw DumperException.output("output directory " + dir + " is not writable; fix its permissions or pass --output-dir", null);
        }
    }

    public boolean isDone(int batch) {
        return Files.exists(done(batch));
    }

    /** Opens batch {@code batch} for writing, replacing any unfinished attempt. */
    public FileChannel createPart(int batch) throws IOException {
        return FileChannel.open(part(batch), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    /** Marks a batch finished; its writer has already synced it. */
    public void commitPart(int batch) throws IOException {
        Files.move(part(batch), done(batch), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(stagingDir);
    }

    /** Joins finished batches {@code 1..batches} into {@code fileName} in the output directory. */
    public Path publish(int batches, String fileName) throws IOException {
        Path target = outputDir.resolve(fileName);
        Path temp = stagingDir.resolve("assembled.tmp");
        if (batches == 1) {
            Files.move(done(1), temp, StandardCopyOption.REPLACE_EXISTING);
        } else {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                for (int n = 1; n <= batches; n++) {
                    try (FileChannel in = FileChannel.open(done(n), StandardOpenOption.READ)) {
                        long size = in.size();
                        for (long at = 0; at < size; ) {
                            at += in.transferTo(at, size - at, out);
                        }
                    }
                }
                out.force(true);
            }
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(outputDir);
        return target;
    }

    /** Publishes one finished batch as a file of its own (one file per batch). */
    public Path publishBatch(int batch, String fileName) throws IOException {
        Path target = outputDir.resolve(fileName);
        Files.move(done(batch), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.createFile(stagingDir.resolve(String.format("%06d.published", batch)));
        syncDirectory(outputDir);
        return target;
    }

    public boolean isPublished(int batch) {
        return Files.exists(stagingDir.resolve(String.format("%06d.published", batch)));
    }

    /** Removes the staging area after everything is published. */
    public void discard() throws IOException {
        clear(stagingDir);
        Files.deleteIfExists(stagingDir);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel below releases it too.
        }
        closeQuietly(lockChannel);
    }

    private Path part(int batch) {
        return stagingDir.resolve(String.format("%06d.part", batch));
    }

    private Path done(int batch) {
        return stagingDir.resolve(String.format("%06d.done", batch));
    }

    private static void clear(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }

    /** Makes a rename durable: without it, a power cut can undo the rename after we said done. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to sync a directory; the rename itself is still atomic.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing left to do for a lock file.
            }
        }
    }
}
