package dumper.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dumper.config.BucketAddress;
import dumper.core.DumperException;
import dumper.output.StagedOutput;
import dumper.store.ObjectStore;
import dumper.store.StoredObject;

/**
 * A bucket in an S3-compatible store. A file is uploaded in parts and appears only when the upload
 * completes; a new object is completed with {@code If-None-Match: *} (where the store supports
 * it) after a HEAD found nothing, so another writer's object is never overwritten unasked. The
 * object carries the file's sha256 in its metadata, since a multipart ETag is not a digest of the
 * bytes; that is what the replace rule compares. The manifest object follows the file.
 */
final class BucketDestination implements Destination {

    /** User metadata ({@code x-amz-meta-…}) the replace rule reads. */
    static final String SHA256 = "sha256";

    private final ObjectStore store;
    private final BucketAddress address;
    private final ObjectMapper json;
    private final StagedOutput staged;

    BucketDestination(ObjectStore store, BucketAddress address, ObjectMapper json, StagedOutput staged) {
        this.store = store;
        this.address = address;
        this.json = json;
        this.staged = staged;
    }

    @Override
    public String location(String name) {
        return address.uri(name);
    }

    @Override
    public Optional<String> url(String name) {
        return store.publicUrl(address, name);
    }

    @Override
    public void checkReady() {
        store.checkBucket(address);
    }

    @Override
    public Optional<Published> find(String name) {
        Optional<StoredObject> object = store.head(address, name);
        // An object without the digest (not written by dumper) never counts as the same bytes.
        return object.map(o -> new Published(o.bytes(), () -> o.metadata().getOrDefault(SHA256, "")));
    }

    @Override
    public void place(Path file, String name, Manifest manifest, boolean replacing) throws IOException {
        store.upload(address, name, file, manifest.sha256(), metadata(manifest), contentType(name), replacing,
                staged.uploadState(name));
    }

    @Override
    public Optional<Manifest> manifest(String name) {
        return store.read(address, name + Manifest.SUFFIX).flatMap(bytes -> {
            try {
                return Optional.of(json.readValue(bytes, Manifest.class));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public void writeManifest(String name, Manifest manifest) throws IOException {
        store.put(address, name + Manifest.SUFFIX, (json.writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    @Override
    public void remove(String name, boolean file) {
        try {
            store.delete(address, name + Manifest.SUFFIX);
            if (file) {
                store.delete(address, name);
            }
        } catch (DumperException ignored) {
            // The first failure is the one to report; the next run publishes again.
        }
    }

    @Override
    public DumperException failed(String name, Exception e) {
        if (e instanceof DumperException d) {
            return d;
        }
        return DumperException.output("cannot publish " + name + " to " + address + " (" + e.getMessage()
                + "); run the same command again: finished batches and uploaded parts are kept", e);
    }

    /** What the object says about itself: the digest the replace rule compares, and where it came from. */
    private static Map<String, String> metadata(Manifest manifest) {
        Map<String, String> metadata = new HashMap<>();
        metadata.put(SHA256, manifest.sha256());
        metadata.put("rows", String.valueOf(manifest.rows()));
        metadata.put("run-id", manifest.runId());
        return metadata;
    }

    static String contentType(String name) {
        return name.endsWith(".gz") ? "application/gzip" : name.endsWith(".zst") ? "application/zstd" : "text/plain; charset=utf-8";
    }
}
