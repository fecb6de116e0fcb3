package dumper.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Files that are either absent or whole: written aside, synced, renamed, the directory synced. */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** A new SHA-256 digest: the checksum of manifests and report entries. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Feeds the whole of {@code file} into {@code digest}. */
    public static void digest(Path file, MessageDigest digest) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
    }

    /** The SHA-256 of the whole of {@code file}, in hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        digest(file, digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes a small file so that it is either absent or whole. */
    public static void writeDurably(Path file, String content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer data = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (data.hasRemaining()) {
                channel.write(data);
            }
            channel.force(true);
        } catch (IOException e) {
            deleteAfterFailure(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(file.getParent());
    }

    /** Copies a finished file into another directory, as atomically as into the first. */
    public static Path copyInto(Path file, Path dir) throws IOException {
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        } catch (IOException e) {
            deleteAfterFailure(temp);
            throw e;
        }
        Path target = dir.resolve(file.getFileName());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
        return target;
    }

    /**
     * Removes a temporary file whose writing failed: on a full disk it would hold the space that
     * is missing, and a hidden half-file is no use to the next attempt, which writes it again.
     */
    public static void deleteAfterFailure(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write's own failure is the one to report.
        }
    }

    /** Makes a rename durable: without it, a power cut can undo the rename after we said done. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to sync a directory; the rename itself is still atomic.
        }
    }
}
