package dumper.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One output file of a run, growing in its staging area as its batches finish, in batch order,
 * so that its bytes are written once and not joined in a second copy at the end. The batch next
 * in order is written straight into it; a batch that finishes early waits as its own part and is
 * appended (then emptied) as soon as every batch before it is in. {@code <name>.joined.state}
 * says how many batches the file holds and its valid length, written after each sync of the
 * file: bytes past that length are what a crash left and are cut off when the run resumes.
 * <p>Parquet parts join the same way, and once the last is in, a footer over all their row groups
 * follows ({@link ParquetFooters}), written, synced and recorded like a part.
 * <p>Only the run that locks the staging area (the coordinator of a distributed run) writes this
 * file; workers only leave parts. A finished batch keeps its {@code .done} file, emptied once
 * its bytes are here, as the mark that it is finished.
 */
final class JoinedFile {

    private final Path stagingDir;
    private final List<Integer> batches;
    private final Path data;
    private final Path stateFile;
    /** True for Parquet parts, which need a footer over them all once the last is in. */
    private final boolean columnar;
    /** How many of {@link #batches} the file holds, and its valid length. */
    private int count;
    private long bytes;
    /** The checksum of the valid bytes so far, kept as they are written, so none is read twice. */
    private MessageDigest digest;
    /**
     * The append that failed (a full disk, say): the checksum no longer matches the valid bytes,
     * so every later append reports this cause, the first failure being the one to report.
     */
    private IOException appendFailure;
    /** The finished file's checksum, once every batch is in. */
    private String sha256;
    /** True while the next batch is being written straight into the file. */
    private boolean writing;

    private JoinedFile(Path stagingDir, String name, List<Integer> batches, boolean columnar) {
        this.stagingDir = stagingDir;
        this.columnar = columnar;
        this.batches = List.copyOf(batches);
        this.data = stagingDir.resolve(name + ".joined");
        this.stateFile = stagingDir.resolve(name + ".joined.state");
    }

    /**
     * Opens the file of {@code name} (made of {@code batches}, in order) as a crash left it: bytes
     * past the recorded length are cut off, and finished parts are appended. When the file is
     * gone (published under {@code published} just before the crash, or deleted), its batches
     * count as finished only if {@code published} holds exactly its bytes; otherwise they are
     * exported again.
     */
    static JoinedFile open(Path stagingDir, String name, List<Integer> batches, Path published, boolean columnar)
            throws IOException {
        JoinedFile file = new JoinedFile(stagingDir, name, batches, columnar);
        file.recover(published);
        file.appendFinished();
        return file;
    }

    Path path() {
        return data;
    }

    /** Its batch numbers, in order. */
    List<Integer> batches() {
        return batches;
    }

    private void recover(Path published) throws IOException {
        String[] state = Files.exists(stateFile) ? Files.readString(stateFile).trim().split(" ") : new String[] {"0", "0"};
        count = Integer.parseInt(state[0]);
        bytes = Long.parseLong(state[1]);
        sha256 = state.length > 2 ? state[2] : null;
        digest = DurableFiles.sha256();
        if (count == 0) {
            Files.deleteIfExists(data);
        } else if (Files.exists(data) && Files.size(data) >= bytes) {
            try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
                channel.truncate(bytes);
            }
            if (sha256 == null) {
                DurableFiles.digest(data, digest);
            }
        } else if (sha256 == null || !isCopy(published)) {
            forgetAppended();
        }
        for (int i = 0; i < count; i++) {
            markAppended(batches.get(i));
        }
    }

    /** True when {@code published} is this finished file, placed there before the run could end. */
    private boolean isCopy(Path published) throws IOException {
        if (!Files.exists(published) || Files.size(published) != bytes) {
            return false;
        }
        return DurableFiles.sha256(published).equals(sha256);
    }

    /** The batches whose bytes were in a lost file are exported again. */
    private void forgetAppended() throws IOException {
        for (int i = 0; i < count; i++) {
            Files.deleteIfExists(StagedOutput.doneFile(stagingDir, batches.get(i)));
            Files.deleteIfExists(StagedOutput.statsFile(stagingDir, batches.get(i)));
        }
        Files.deleteIfExists(stateFile);
        Files.deleteIfExists(data);
        count = 0;
        bytes = 0;
        sha256 = null;
    }

    /**
     * The channel to write {@code batch} straight into the file, positioned at its end, when it is
     * the next batch in order; null when it is not (it gets a part of its own).
     */
    synchronized FileChannel startWriting(int batch) throws IOException {
        if (writing || count >= batches.size() || batches.get(count) != batch) {
            return null;
        }
        FileChannel channel = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            channel.truncate(bytes);
            channel.position(bytes);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        writing = true;
        return channel;
    }

    /** Cuts off what a failed attempt wrote straight into the file; the batch is written again. */
    synchronized void abandonWriting() {
        writing = false;
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
            channel.truncate(bytes);
        } catch (IOException ignored) {
            // Whatever stays past the recorded length is cut off by the next attempt or run.
        }
    }

    /** Records the batch written straight into the file (synced and closed by its writer) as in. */
    synchronized void finishWriting(int batch) throws IOException {
        writing = false;
        int from = count;
        long before = bytes;
        try (FileChannel in = FileChannel.open(data, StandardOpenOption.READ)) {
            in.position(before);
            copy(in, null);
            count++;
            appendFooter();
        } catch (IOException e) {
            count = from;
            bytes = before;
            appendFailure = e;
            throw e;
        }
        saveState();
        markAppended(batch);
        appendFinished();
    }

    /** Appends the finished parts that are next in order, syncs, records the new length, empties the parts. */
    synchronized void appendFinished() throws IOException {
        if (writing || count == batches.size() || !Files.exists(StagedOutput.doneFile(stagingDir, batches.get(count)))) {
            return;
        }
        int from = count;
        long before = bytes;
        try (FileChannel out = FileChannel.open(data, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(before);
            out.position(before);
            while (count < batches.size() && Files.exists(StagedOutput.doneFile(stagingDir, batches.get(count)))) {
                try (FileChannel in = FileChannel.open(StagedOutput.doneFile(stagingDir, batches.get(count)),
                        StandardOpenOption.READ)) {
                    copy(in, out);
                }
                count++;
            }
            out.force(true);
            appendFooter();
        } catch (IOException e) {
            count = from;
            bytes = before;
            appendFailure = e;
            throw e;
        }
        saveState();
        for (int i = from; i < count; i++) {
            markAppended(batches.get(i));
        }
    }

    /**
     * Once the last of several Parquet parts is in, appends and syncs the footer over all their
     * row groups; the parts' lengths are in their stats. One part is a Parquet file as it is.
     */
    private void appendFooter() throws IOException {
        if (!columnar || count < batches.size() || batches.size() == 1) {
            return;
        }
        List<Long> lengths = new ArrayList<>();
        for (int batch : batches) {
            String[] stats = Files.readString(StagedOutput.statsFile(stagingDir, batch)).trim().split(" ");
            lengths.add(Long.parseLong(stats[2]));
        }
        if (lengths.stream().mapToLong(Long::longValue).sum() != bytes) {
            throw new IOException("the parts of " + data.getFileName() + " do not add up to its " + bytes + " bytes");
        }
        try (FileChannel file = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            byte[] footer = ParquetFooters.joined(file, lengths);
            ByteBuffer buffer = ByteBuffer.wrap(footer);
            file.position(bytes);
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            file.force(true);
            digest.update(footer);
            bytes += footer.length;
        }
    }

    /** The finished file, its checksum and size; fails when a batch is still missing. */
    synchronized StagedOutput.Assembled assembled() throws IOException {
        appendFinished();
        if (count < batches.size()) {
            throw new IOException("batch " + batches.get(count) + " is not finished");
        }
        return new StagedOutput.Assembled(data, sha256, bytes);
    }

    /** Reads {@code in} from its position to its end into the checksum, and into {@code out} unless null. */
    private void copy(FileChannel in, FileChannel out) throws IOException {
        if (appendFailure != null) {
            throw new IOException(appendFailure.getMessage(), appendFailure);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        while (in.read(buffer) >= 0) {
            buffer.flip();
            digest.update(buffer.duplicate());
            while (buffer.hasRemaining()) {
                bytes += out == null ? skip(buffer) : out.write(buffer);
            }
            buffer.clear();
        }
    }

    private static int skip(ByteBuffer buffer) {
        int n = buffer.remaining();
        buffer.position(buffer.limit());
        return n;
    }

    private void saveState() throws IOException {
        if (count == batches.size() && sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        DurableFiles.writeDurably(stateFile, count + " " + bytes + (sha256 == null ? "" : " " + sha256));
    }

    /** A batch's {@code .done} stays as the mark that it is finished, emptied: its bytes are in the file. */
    private void markAppended(int batch) throws IOException {
        Path done = StagedOutput.doneFile(stagingDir, batch);
        try (FileChannel channel = FileChannel.open(done, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
    }
}
