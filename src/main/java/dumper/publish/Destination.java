package dumper.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import dumper.config.DumpType;
import dumper.core.DumperException;

/**
 * A place finished files are published to: a directory ({@link DirectoryDestination}) or a bucket
 * ({@link BucketDestination}). It says what it holds and places a file, whole or not at all, and
 * a manifest beside it; {@link Publisher} decides with one replace rule for every destination
 * what goes where, and in which order.
 */
interface Destination {

    /** Where {@code name} is published, as the command prints it and the report entry names it: a path or {@code s3://…}. */
    String location(String name);

    /** A public https URL of {@code name}, when one is configured. */
    default Optional<String> url(String name) {
        return Optional.empty();
    }

    /** Fails before any work when it cannot take files. */
    void checkReady();

    /** What is published under {@code name} now, if anything. */
    Optional<Published> find(String name) throws IOException;

    /**
     * Places {@code file} under {@code name}: nothing is visible under that name until it is whole.
     * {@code replacing}: other bytes are there and are to be replaced; otherwise nothing may be overwritten.
     */
    void place(Path file, String name, Manifest manifest, boolean replacing) throws IOException;

    /**
     * The sha256 of {@code name}'s decompressed bytes ({@link dumper.output.ContentDigest}), for a
     * file whose manifest was written before manifests recorded it; empty where that would mean
     * downloading the file (a bucket): then only the same bytes count as the same content.
     */
    default Optional<String> contentSha256(String name, DumpType type) throws IOException {
        return Optional.empty();
    }

    /** The manifest beside {@code name}, when there is one that can be read. */
    Optional<Manifest> manifest(String name) throws IOException;

    /** Writes {@code manifest} beside {@code name} (after the file: the manifest says the file is complete). */
    void writeManifest(String name, Manifest manifest) throws IOException;

    /** Removes what a publish placed under {@code name} after a later step failed: the manifest, then the file if asked. */
    void remove(String name, boolean file);

    /** A failed step here as the line the operator reads. */
    DumperException failed(String name, Exception e);

    /** What a destination holds under a name: its size, and its sha256 when asked for (reading a whole file for it). */
    record Published(long bytes, Sha256 sha256) {
    }

    @FunctionalInterface
    interface Sha256 {
        String get() throws IOException;
    }
}
