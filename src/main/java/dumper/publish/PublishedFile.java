package dumper.publish;

import java.nio.file.Path;
import java.util.Optional;

import dumper.config.BucketAddress;

/**
 * A finished file: where it is in the output directory ({@code path}), where people get it
 * ({@code served}: the publish directory's path or the bucket's {@code s3://…}, else {@code path}),
 * its manifest there, a public {@code url} when one is configured, the {@code bucket} it went to,
 * and its manifest. {@code unchanged}: the same bytes were already served there, so the run left
 * them (and their manifest) as they were.
 */
public record PublishedFile(Path path, String served, String manifestLocation, Optional<String> url,
        Optional<BucketAddress> bucket, Manifest manifest, boolean unchanged) {
}
