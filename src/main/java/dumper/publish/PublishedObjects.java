package dumper.publish;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dumper.config.BucketAddress;
import dumper.store.ObjectStore;

/**
 * Downloads of files published to a bucket, for {@code dumper serve}: a short-lived presigned link
 * when {@code dumper.s3.download=presign} (the client fetches the object from the store itself),
 * else the object's bytes streamed through the service as they arrive.
 */
@ApplicationScoped
public class PublishedObjects {

    private final ObjectStore store;

    PublishedObjects(ObjectStore store) {
        this.store = store;
    }

    /** The presigned link to hand out instead of the bytes, when downloads are presigned. */
    public Optional<URI> link(BucketAddress bucket, String fileName) {
        return store.presignsDownloads() ? Optional.of(store.presign(bucket, fileName)) : Optional.empty();
    }

    /** The published object's bytes; the caller closes the stream. */
    public InputStream open(BucketAddress bucket, String fileName) {
        return store.open(bucket, fileName);
    }
}
