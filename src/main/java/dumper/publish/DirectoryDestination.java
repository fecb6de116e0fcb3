package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dumper.config.DumpType;
import dumper.core.DumperException;
import dumper.output.ContentDigest;
import dumper.output.DurableFiles;
import dumper.output.OutputDirectories;

/**
 * A local directory: the output directory (the staged file is renamed into it) or the publish
 * directory (copied from the output directory). A file appears by an atomic rename of a synced
 * temporary file, so it is absent or whole.
 */
final class DirectoryDestination implements Destination {

    /** How a file gets into the directory: a rename from the staging area, or a copy. */
    @FunctionalInterface
    interface Placing {
        void place(Path file, String name) throws IOException;
    }

    private final Path dir;
    private final String label;
    private final Optional<String> key;
    private final ObjectMapper json;
    private final Placing placing;

    DirectoryDestination(Path dir, String label, Optional<String> key, ObjectMapper json, Placing placing) {
        this.dir = dir;
        this.label = label;
        this.key = key;
        this.json = json;
        this.placing = placing;
    }

    @Override
    public String location(String name) {
        return dir.resolve(name).toString();
    }

    @Override
    public void checkReady() {
        OutputDirectories.prepare(label, dir, key);
    }

    @Override
    public Optional<Published> find(String name) throws IOException {
        Path path = dir.resolve(name);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        return Optional.of(new Published(Files.size(path), () -> DurableFiles.sha256(path)));
    }

    @Override
    public void place(Path file, String name, Manifest manifest, boolean replacing) throws IOException {
        placing.place(file, name);
    }

    @Override
    public Optional<String> contentSha256(String name, DumpType type) throws IOException {
        return Optional.of(ContentDigest.sha256(dir.resolve(name), type));
    }

    @Override
    public Optional<Manifest> manifest(String name) {
        return Manifest.read(json, manifestPath(name));
    }

    @Override
    public void writeManifest(String name, Manifest manifest) throws IOException {
        try {
            DurableFiles.writeDurably(manifestPath(name), json.writeValueAsString(manifest) + "\n");
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write the manifest: " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String name, boolean file) {
        try {
            Files.deleteIfExists(manifestPath(name));
            if (file) {
                Files.deleteIfExists(dir.resolve(name));
            }
        } catch (IOException ignored) {
            // The first failure is the one to report; the next run places the file again.
        }
    }

    @Override
    public DumperException failed(String name, Exception e) {
        if (e instanceof DumperException d) {
            return d;
        }
        String reason = String.valueOf(e.getMessage());
        return DumperException.output("cannot publish " + name + " into " + dir + " (" + reason + "); "
                + (reason.contains("No space left") ? "free disk space in " + dir : "check the " + label + " " + dir)
                + " and run the same command again: finished batches are kept", e);
    }

    private Path manifestPath(String name) {
        return dir.resolve(name + Manifest.SUFFIX);
    }
}
