package dumper.publish;

import java.nio.file.Path;

/**
 * A finished file: where it is in the output directory, where the portal serves it (the same
 * path without a publish directory), and its manifest.
 */
public record PublishedFile(Path path, Path servedPath, Path manifestPath, Manifest manifest) {
}
