package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dumper.config.DumperConfig;
import dumper.output.BatchStats;
import dumper.output.DurableFiles;
import dumper.output.OutputDirectories;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.run.DumperException;

/**
 * Puts a finished file where people get it: the output directory, then the publish directory
 * when one is configured, each with its manifest. Every step is atomic and can be repeated, so
 * a run that died half-way through publishing simply publishes again.
 */
@ApplicationScoped
public class Publisher {

    private final ObjectMapper json;
    private final Optional<Path> publishDir;
    private final String version;

    Publisher(ObjectMapper json, DumperConfig config, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.publishDir = config.publishDir().map(Path::of);
        this.version = version;
    }

    /** Fails before any work when the publish directory cannot take files. */
    public void checkReady() {
        publishDir.ifPresent(dir -> OutputDirectories.prepare("publish directory", dir, Optional.of("dumper.publish-dir")));
    }

    /**
     * Places the file and its manifest in the output directory, then in the publish directory.
     * When any step fails (a full disk), what this call placed is removed again, manifests first:
     * a failed publish leaves nothing under a final name, and the staged parts stay for the next run.
     */
    public PublishedFile publish(StagedOutput staged, RunPlan plan, RunPlan.OutputFile output, List<BatchStats> stats,
            ZonedDateTime startedAt) throws IOException {
        String name = output.name();
        List<Path> placed = new ArrayList<>();
        StagedOutput.Assembled file;
        Manifest manifest;
        Path manifestPath;
        try {
            placing(plan.outputDir().resolve(name), placed);
            file = staged.assemble(output.batches().stream().map(Batch::number).toList(), name);
            manifest = manifest(plan, output, stats, file, startedAt);
            manifestPath = writeManifest(plan.outputDir(), name, manifest, placed);
        } catch (IOException e) {
            removeQuietly(placed);
            throw e;
        }
        Path served = file.path();
        if (publishDir.isPresent()) {
            Path dir = publishDir.get();
            try {
                placing(dir.resolve(name), placed);
                served = DurableFiles.copyInto(file.path(), dir);
                manifestPath = writeManifest(dir, name, manifest, placed);
            } catch (IOException e) {
                removeQuietly(placed);
                String reason = String.valueOf(e.getMessage());
                throw DumperException.output("cannot publish " + name + " into " + dir + " (" + reason + "); "
                        + (reason.contains("No space left") ? "free disk space in " + dir : "check the publish directory " + dir)
                        + " and run the same command again: finished batches are kept", e);
            }
        }
        return new PublishedFile(file.path(), served, manifestPath, manifest);
    }

    /** Remembers {@code path} as placed by this publish, unless it was already there before it. */
    private static void placing(Path path, List<Path> placed) {
        if (!Files.exists(path)) {
            placed.add(path);
        }
    }

    /** Removes what a failed publish placed, newest first, so that no data file is left without its manifest. */
    private static void removeQuietly(List<Path> placed) {
        for (int i = placed.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(placed.get(i));
            } catch (IOException ignored) {
                // The first failure is the one to report; the next run places the file again.
            }
        }
    }

    private Manifest manifest(RunPlan plan, RunPlan.OutputFile output, List<BatchStats> stats, StagedOutput.Assembled file,
            ZonedDateTime startedAt) {
        List<Manifest.BatchEntry> batches = new ArrayList<>();
        long rows = 0;
        long text = 0;
        for (int i = 0; i < stats.size(); i++) {
            Batch batch = output.batches().get(i);
            BatchStats s = stats.get(i);
            batches.add(new Manifest.BatchEntry(batch.number(), batch.window() == null ? null : batch.window().start(),
                    batch.window() == null ? null : batch.window().end(), s.rows(), s.textBytes(), s.fileBytes()));
            rows += s.rows();
            text += s.textBytes();
        }
        return new Manifest(1, "dumper " + version, plan.runId(), plan.type().name(), plan.type().queryFile().toString(),
                plan.query().sha256(), output.window() == null ? null : output.window().start(),
                output.window() == null ? null : output.window().end(), output.name(),
                plan.type().format().name().toLowerCase(), plan.type().compression().name().toLowerCase(),
                rows, text, file.bytes(), file.sha256(), batches, startedAt.toOffsetDateTime(),
                OffsetDateTime.now(startedAt.getZone()));
    }

    private Path writeManifest(Path dir, String fileName, Manifest manifest, List<Path> placed) throws IOException {
        Path path = dir.resolve(fileName + Manifest.SUFFIX);
        placing(path, placed);
        try {
            DurableFiles.writeDurably(path, json.writeValueAsString(manifest) + "\n");
        } catch (JsonProcessingException e) {
            throw new IOException("cannot write the manifest: " + e.getMessage(), e);
        }
        return path;
    }
}
