package dumper.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * The staging area of one run, under {@code <output>/.dumper/<run file name>/}. Each batch is
 * written to {@code NNNNNN.<random>.part} and renamed to {@code NNNNNN.done} once flushed and synced, with
 * its counts in {@code NNNNNN.stats}, so a crashed or interrupted run leaves its finished batches
 * for the next run to resume from. File locks keep two runs from writing the same file, also when
 * one writes a file per batch and the other a file for the whole window; a lock file is deleted
 * when its run ends, so they do not pile up in {@code .dumper/}.
 * Nothing appears under a final name until it is complete: each output file grows in the
 * staging area as its batches finish, in order ({@link JoinedFile}), and is renamed once whole;
 * {@code <file>.complete} marks a file published and reported. Only the run that opens (and
 * locks) the staging area joins files; workers that join it leave parts.
 */
public final class StagedOutput implements AutoCloseable {

    private static final String PLAN = "plan";
    /** The columns of the run's first batch, which every batch must return (see {@link #firstColumns}). */
    private static final String COLUMNS = "columns";

    private final Path outputDir;
    private final Path stagingDir;
    /** Held locks, each until closed. */
    private final List<Lock> locks;
    /** The output files this process joins, by name; none in a worker. */
    private final Map<String, JoinedFile> joined;
    /** The same, by batch number. */
    private final Map<Integer, JoinedFile> joinedByBatch = new HashMap<>();

    private StagedOutput(Path outputDir, Path stagingDir, List<Lock> locks, Map<String, JoinedFile> joined) {
        this.outputDir = outputDir;
        this.stagingDir = stagingDir;
        this.locks = locks;
        this.joined = joined;
        joined.values().forEach(file -> file.batches().forEach(batch -> joinedByBatch.put(batch, file)));
    }

    /**
     * Locks and opens the staging area for {@code fileName}, locking each of {@code outputs} (the
     * files the run publishes, each with its batch numbers in order) too. Finished batches of an
     * earlier run are kept when {@code fingerprint} (query, format, batches) matches, and dropped
     * otherwise.
     */
    public static StagedOutput open(Path outputDir, String fileName, Map<String, List<Integer>> outputs, String fingerprint,
            boolean fresh) {
        return open(outputDir, fileName, outputs, fingerprint, fresh, false);
    }

    /**
     * The same, for files of {@code columnar} parts (Parquet), which get a footer over every part
     * once the last is in.
     */
    public static StagedOutput open(Path outputDir, String fileName, Map<String, List<Integer>> outputs, String fingerprint,
            boolean fresh, boolean columnar) {
        Path root = outputDir.resolve(".dumper");
        List<Lock> locks = new ArrayList<>();
        try {
            Files.createDirectories(root);
            Set<String> names = new LinkedHashSet<>();
            names.add(fileName);
            names.addAll(outputs.keySet());
            for (String name : names) {
                Lock lock = Lock.take(root.resolve(name + ".lock"));
                if (lock == null) {
                    throw new DumperException(ExitCode.BUSY, "another run is already writing " + name + " in " + outputDir
                            + "; wait for it to finish (or stop it) and run again");
                }
                locks.add(lock);
            }
            Path staging = root.resolve(fileName);
            Files.createDirectories(staging);
            Path plan = staging.resolve(PLAN);
            if (fresh || !Files.exists(plan) || !Files.readString(plan).equals(fingerprint)) {
                clear(staging);
                DurableFiles.writeDurably(plan, fingerprint);
            } else if (!hasFinishedBatch(staging)) {
                // Columns recorded by an attempt that finished no batch bind nothing: the next
                // batch to start records them anew.
                Files.deleteIfExists(staging.resolve(COLUMNS));
            }
            Map<String, JoinedFile> joined = new LinkedHashMap<>();
            for (Map.Entry<String, List<Integer>> output : outputs.entrySet()) {
                joined.put(output.getKey(), JoinedFile.open(staging, output.getKey(), output.getValue(),
                        outputDir.resolve(output.getKey()), columnar));
            }
            return new StagedOutput(outputDir, staging, locks, joined);
        } catch (IOException e) {
            locks.forEach(Lock::release);
            throw DumperException.output("cannot prepare " + root + " (" + e.getMessage() + "); check the output directory", e);
        } catch (RuntimeException e) {
            locks.forEach(Lock::release);
            throw e;
        }
    }

    /**
     * Joins the staging area of a run that another process coordinates (and locks): a worker
     * writes batches into it. The area must exist with the same plan, or the worker and the
     * coordinator disagree on what the batches are. A null fingerprint skips that check (to
     * leave a mark for the coordinator). Empty when the run is no longer staged: it finished,
     * or was discarded.
     */
    public static Optional<StagedOutput> join(Path outputDir, String fileName, String fingerprint) {
        Path staging = outputDir.resolve(".dumper").resolve(fileName);
        if (!Files.isDirectory(staging)) {
            return Optional.empty();
        }
        try {
            if (fingerprint != null && !Files.readString(staging.resolve(PLAN)).equals(fingerprint)) {
                throw new DumperException(ExitCode.CONFIG, "the plan of " + fileName + " differs between this worker and its "
                        + "coordinator; give them the same configuration and SQL");
            }
        } catch (IOException e) {
            throw DumperException.output("no staging area for " + fileName + " in " + outputDir + " (" + e.getMessage()
                    + "); workers need the coordinator's output directory (shared storage)", e);
        }
        return Optional.of(new StagedOutput(outputDir, staging, List.of(), Map.of()));
    }

    /**
     * A worker's own staging area for one batch, in {@code dir}, when it shares no directory with
     * its coordinator: the batch is written and finished here as in a shared one, then handed
     * over another way (through the bucket the type publishes to) and the area deleted.
     */
    public static StagedOutput scratch(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DumperException.output("cannot create " + dir + " (" + e.getMessage() + "); check dumper.output-dir", e);
        }
        return new StagedOutput(dir, dir, List.of(), Map.of());
    }

    /** One thread of this process at a time takes or deletes lock files (see {@link Lock}). */
    private static final Object LOCK_FILES = new Object();

    /**
     * A lock on {@code <name>.lock}, held by an open channel. Releasing deletes the file, so lock
     * files do not pile up. A run that opened the file just before that deletion would lock a
     * file no longer at the path, while a third run locks a new one there: so taking and
     * releasing happen under {@code .dumper/locks.guard}, held only for those few calls. (Reading
     * the lock file back to check it instead would release the lock: a process's POSIX locks on
     * a file go when any of its descriptors for that file is closed.)
     */
    private record Lock(Path path, FileChannel channel) {

        /** The lock, or null when another run holds it. */
        static Lock take(Path path) throws IOException {
            synchronized (LOCK_FILES) {
                try (FileChannel guard = guard(path)) {
                    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    if (tryLock(channel) == null) {
                        closeQuietly(channel);
                        return null;
                    }
                    return new Lock(path, channel);
                }
            }
        }

        void release() {
            synchronized (LOCK_FILES) {
                try (FileChannel guard = guard(path)) {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Left behind, it is reused (and deleted) by the next run of the same file.
                } finally {
                    // Closing the channel releases the lock, still under the guard.
                    closeQuietly(channel);
                }
            }
        }

        /** The guard of the lock files beside {@code path}, locked; closing it unlocks. */
        private static FileChannel guard(Path path) throws IOException {
            FileChannel guard = FileChannel.open(path.resolveSibling("locks.guard"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                guard.lock();
                return guard;
            } catch (IOException | RuntimeException e) {
                closeQuietly(guard);
                throw e;
            }
        }

        private static FileLock tryLock(FileChannel channel) throws IOException {
            try {
                return channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return null;
            }
        }
    }

    public boolean isDone(int batch) {
        return Files.exists(done(batch));
    }

    /**
     * Opens where batch {@code batch} is written: straight into its output file when every batch
     * before it is in (so its bytes are written once), else a part under a name of its own, so
     * that two writers of the same batch (a redelivered message, a restarted coordinator) never
     * write one file.
     */
    public Part createPart(int batch) throws IOException {
        JoinedFile file = joinedFileOf(batch);
        FileChannel straight = file == null ? null : file.startWriting(batch);
        if (straight != null) {
            return new Part(batch, file.path(), straight, true);
        }
        Path path = stagingDir.resolve(String.format("%06d.%s.part", batch, UUID.randomUUID()));
        return new Part(batch, path, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), false);
    }

    /** A batch being written, into its own file or {@code joined} into its output file; its writer syncs and closes the channel. */
    public record Part(int batch, Path path, FileChannel channel, boolean joined) {
    }

    /** Drops what a failed attempt wrote; the batch is written again from scratch. */
    public void discardPart(Part part) {
        if (part.joined()) {
            joinedFileOf(part.batch()).abandonWriting();
            return;
        }
        try {
            Files.deleteIfExists(part.path());
        } catch (IOException ignored) {
            // Left behind, it is removed with the staging directory when the run completes.
        }
    }

    /**
     * Marks a batch finished: its counts, then its data (by an atomic rename of its part, or by
     * recording the output file's new length), then appends whatever parts are now next in order.
     */
    public void commitPart(Part part, BatchStats stats) throws IOException {
        recordStats(part.batch(), stats);
        JoinedFile file = joinedFileOf(part.batch());
        if (part.joined()) {
            file.finishWriting(part.batch());
            return;
        }
        Files.move(part.path(), done(part.batch()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.syncDirectory(stagingDir);
        if (file != null) {
            file.appendFinished();
        }
    }

    /**
     * Takes in a batch that a worker finished elsewhere, as a worker on a shared volume leaves it:
     * its bytes into a part of its own, synced, its counts, then the atomic rename to {@code .done}.
     */
    public void acceptPart(int batch, InputStream bytes, BatchStats stats) throws IOException {
        Path path = stagingDir.resolve(String.format("%06d.%s.part", batch, UUID.randomUUID()));
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            bytes.transferTo(Channels.newOutputStream(channel));
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
        recordStats(batch, stats);
        Files.move(path, done(batch), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.syncDirectory(stagingDir);
    }

    /** A finished batch's counts, as {@link #stats} reads them: written before its data is marked done. */
    private void recordStats(int batch, BatchStats stats) throws IOException {
        DurableFiles.writeDurably(statsFile(batch), stats.counts());
    }

    /** The finished bytes of batch {@code batch}, in this area's own part (as a worker leaves it). */
    public Path finishedPart(int batch) {
        return done(batch);
    }

    /** Appends the parts (from workers) that are next in order to their output files. */
    public void appendFinished() throws IOException {
        for (JoinedFile file : joined.values()) {
            file.appendFinished();
        }
    }

    /** The output file this process joins batch {@code batch} into; null in a worker. */
    private JoinedFile joinedFileOf(int batch) {
        return joinedByBatch.get(batch);
    }

    /** The counts of a batch that an earlier run finished. */
    public BatchStats stats(int batch) throws IOException {
        return BatchStats.parse(batch, Files.readString(statsFile(batch)));
    }

    /** Why workers gave up on a batch, with the exit code that the coordinator's run ends with. */
    public record BatchFailure(ExitCode exitCode, String error) {

        private static final Pattern MARKER = Pattern.compile("(\\d{1,3}) (.*)", Pattern.DOTALL);

        /**
         * A failure marker's text, {@code "<exit code> <error>"}: the code travels with the error, so
         * that a schema change on a worker ends the coordinator's run with exit 8 as it would a local
         * run. A marker of an earlier version holds the error alone: a database error, as it was then.
         */
        public static BatchFailure parse(String text) {
            Matcher codeAndError = MARKER.matcher(text);
            return codeAndError.matches()
                    ? new BatchFailure(ExitCode.of(Integer.parseInt(codeAndError.group(1))), codeAndError.group(2))
                    : new BatchFailure(ExitCode.DATABASE, text);
        }

        /** The marker's text, as {@link #parse} reads it. */
        public String text() {
            return exitCode.code + " " + error;
        }
    }

    /** The failure of a batch that workers gave up on, if any. */
    public Optional<BatchFailure> failure(int batch) throws IOException {
        Path marker = failedFile(batch);
        return Files.exists(marker) ? Optional.of(BatchFailure.parse(Files.readString(marker))) : Optional.empty();
    }

    public void markFailed(int batch, ExitCode exitCode, String error) throws IOException {
        DurableFiles.writeDurably(failedFile(batch), new BatchFailure(exitCode, error).text());
    }

    /** A coordinator starting again gives failed batches another chance. */
    public void clearFailures() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stagingDir, "*.failed")) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }

    /**
     * The columns the run's batches must return: those recorded by the first batch that asked,
     * in this process, another thread or a worker; {@code columns} (and recorded as such) when
     * this is the first. The record is kept with the finished batches until the run completes
     * or starts afresh.
     */
    public String firstColumns(String columns) throws IOException {
        Path recorded = stagingDir.resolve(COLUMNS);
        if (!Files.exists(recorded)) {
            Path mine = stagingDir.resolve("." + COLUMNS + "." + UUID.randomUUID() + ".tmp");
            DurableFiles.writeDurably(mine, columns);
            try {
                // A link fails where the name exists: of two first batches, exactly one records.
                Files.createLink(recorded, mine);
                DurableFiles.syncDirectory(stagingDir);
            } catch (FileAlreadyExistsException e) {
                // Another batch was first by a moment.
            } finally {
                Files.deleteIfExists(mine);
            }
        }
        return Files.readString(recorded);
    }

    /** The columns recorded by the first batch, as {@link #firstColumns} returns them. */
    public String recordedColumns() throws IOException {
        return Files.readString(stagingDir.resolve(COLUMNS));
    }

    private static boolean hasFinishedBatch(Path staging) throws IOException {
        try (DirectoryStream<Path> stats = Files.newDirectoryStream(staging, "*.stats")) {
            return stats.iterator().hasNext();
        }
    }

    /** True once {@code fileName} was published and reported by an earlier attempt. */
    public boolean isComplete(String fileName) {
        return Files.exists(stagingDir.resolve(fileName + ".complete"));
    }

    public void markComplete(String fileName) throws IOException {
        DurableFiles.writeDurably(stagingDir.resolve(fileName + ".complete"), "");
    }

    /**
     * The output file {@code fileName}, whole (its batches {@code batches} appended as they
     * finished) and synced; {@link #place} then gives it its final name, unless the caller finds
     * that name already published and {@link #drop}s it.
     */
    public Assembled assemble(List<Integer> batches, String fileName) throws IOException {
        JoinedFile file = joined.get(fileName);
        if (file == null || !batches.equals(file.batches())) {
            throw new IllegalStateException(fileName + " is not joined from batches " + batches + " here");
        }
        return file.assembled();
    }

    /** Renames an assembled file to {@code fileName}, atomically replacing what is there; returns its path. */
    public Path place(Assembled file, String fileName) throws IOException {
        Path target = outputDir.resolve(fileName);
        Files.move(file.path(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.syncDirectory(outputDir);
        return target;
    }

    /** Where the upload of {@code fileName} to an object store records its id, so a later run can resume it. */
    public Path uploadState(String fileName) {
        return stagingDir.resolve(fileName + ".upload");
    }

    /** Moves a file {@link #place placed} at {@code placed} back to where it was assembled, after a failed publish. */
    public void unplace(Assembled file, Path placed) throws IOException {
        Files.move(placed, file.path(), StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.syncDirectory(stagingDir);
        DurableFiles.syncDirectory(outputDir);
    }

    /** A file assembled under a temporary name in the staging area, with its checksum and size. */
    public record Assembled(Path path, String sha256, long bytes) {
    }

    /** An unfinished run's staging area, as clean-up sees it. {@code inUse}: a running process holds it. */
    public record Staged(String name, int batchesDone, long bytes, Instant lastWritten, boolean inUse) {
    }

    /** Every staging area under {@code outputDir}'s {@code .dumper/}: the runs that have not finished. */
    public static List<Staged> staged(Path outputDir) throws IOException {
        Path root = outputDir.resolve(".dumper");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Staged> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, dir -> Files.exists(dir.resolve(PLAN)))) {
            for (Path dir : dirs) {
                int done = 0;
                long bytes = 0;
                FileTime last = Files.getLastModifiedTime(dir);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        done += file.getFileName().toString().endsWith(".done") ? 1 : 0;
                        bytes += Files.size(file);
                        FileTime written = Files.getLastModifiedTime(file);
                        last = written.compareTo(last) > 0 ? written : last;
                    }
                }
                String name = dir.getFileName().toString();
                found.add(new Staged(name, done, bytes, last.toInstant(), !isIdle(root, name)));
            }
        }
        found.sort(Comparator.comparing(Staged::name));
        return found;
    }

    private static boolean isIdle(Path root, String name) throws IOException {
        Lock lock = Lock.take(root.resolve(name + ".lock"));
        if (lock == null) {
            return false;
        }
        lock.release();
        return true;
    }

    /** Removes the staging area {@code name}, under its lock; false when a running process holds it. */
    public static boolean removeIdle(Path outputDir, String name) throws IOException {
        Path root = outputDir.resolve(".dumper");
        Lock lock = Lock.take(root.resolve(name + ".lock"));
        if (lock == null) {
            return false;
        }
        try {
            Path dir = root.resolve(name);
            clear(dir);
            Files.deleteIfExists(dir);
            return true;
        } finally {
            lock.release();
        }
    }

    /** Removes the staging area after everything is published. */
    public void discard() throws IOException {
        clear(stagingDir);
        Files.deleteIfExists(stagingDir);
    }

    @Override
    public void close() {
        locks.forEach(Lock::release);
    }

    private Path failedFile(int batch) {
        return stagingDir.resolve(String.format("%06d.failed", batch));
    }

    private Path statsFile(int batch) {
        return statsFile(stagingDir, batch);
    }

    private Path done(int batch) {
        return doneFile(stagingDir, batch);
    }

    static Path statsFile(Path stagingDir, int batch) {
        return stagingDir.resolve(String.format("%06d.stats", batch));
    }

    /** A finished batch's part, or the empty mark of a batch already in its output file. */
    static Path doneFile(Path stagingDir, int batch) {
        return stagingDir.resolve(String.format("%06d.done", batch));
    }

    private static void clear(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.delete(file);
            }
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
