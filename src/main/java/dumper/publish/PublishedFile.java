package dumper.publish;

import java.nio.file.Path;

/**
 * A finished file: where it is in the output directory, where the portal serves it (the same
 * path without a publish directory), and its manifest. {@code unchanged}: the same bytes were
 * already served there, so the run left them (and their manifest) as they were.
 */
public record PublishedFile(Path path, Path servedPath, Path manifestPath, Manifest manifest, boolean unchanged) {
}
