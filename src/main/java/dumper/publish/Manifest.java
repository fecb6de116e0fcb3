package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a published file holds and how it was made; written beside it as
 * {@code <file>.manifest.json}, only once the file is complete.
 * <p>Read back by other versions (since-last-run), so fields it does not know are ignored.
 * <p>{@code sha256} is the file's, for checking a copy; {@code contentSha256} is that of its
 * decompressed bytes ({@link dumper.output.ContentDigest}), which the replace rule compares:
 * absent in manifests written before it existed.
 * {@code plannedAt} is the time the run was planned at: its default window and {@code {now}} in
 * its file names come from it, so a run planned again at that time makes the same files (how a
 * since-last-run run whose report entry failed is finished; absent in older manifests).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record Manifest(
        int manifestVersion,
        String tool,
        String runId,
        String type,
        String queryFile,
        String querySha256,
        LocalDateTime windowStart,
        LocalDateTime windowEnd,
        String file,
        String format,
        String compression,
        long rows,
        long textBytes,
        long bytes,
        String sha256,
        String contentSha256,
        List<BatchEntry> batches,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime plannedAt) {

    public static final String SUFFIX = ".manifest.json";

    /** One batch of the file: its window and counts. */
    @RegisterForReflection
    public record BatchEntry(int number, LocalDateTime start, LocalDateTime end, long rows, long textBytes, long bytes) {
    }

    /** This manifest with {@code digest} as the sha256 of the file's decompressed bytes. */
    Manifest withContentSha256(String digest) {
        return new Manifest(manifestVersion, tool, runId, type, queryFile, querySha256, windowStart, windowEnd, file, format,
                compression, rows, textBytes, bytes, sha256, digest, batches, startedAt, finishedAt, plannedAt);
    }

    /** Every readable manifest in {@code dir} (none when it is not a directory). */
    static List<Manifest> inDirectory(ObjectMapper json, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .flatMap(p -> read(json, p).stream())
                    .toList();
        }
    }

    /** The manifest at {@code path}; empty when there is none or it cannot be read (a partial or foreign file). */
    static Optional<Manifest> read(ObjectMapper json, Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(path.toFile(), Manifest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
