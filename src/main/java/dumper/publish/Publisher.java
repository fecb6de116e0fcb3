package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.output.BatchStats;
import dumper.output.DurableFiles;
import dumper.output.OutputDirectories;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;

/**
 * Puts a finished file where people get it: the output directory, then the publish directory
 * when one is configured, each with its manifest. Every step is atomic and can be repeated, so
 * a run that died half-way through publishing simply publishes again.
 * <p>A published file is never replaced silently: where the same name already holds the same
 * bytes, they stay as they are (with their manifest); where it holds other bytes, the run stops
 * with {@link ExitCode#PUBLISHED_DIFFERS} unless the plan says {@code replace}.
 */
@ApplicationScoped
public class Publisher {

    private static final Logger LOG = Logger.getLogger("dumper.publish");

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
     * When a step fails (a full disk), what this call placed is removed again, manifests first:
     * a failed publish leaves nothing new under a final name, and the staged parts stay for the
     * next run.
     */
    public PublishedFile publish(StagedOutput staged, RunPlan plan, RunPlan.OutputFile output, List<BatchStats> stats,
            ZonedDateTime startedAt) throws IOException {
        String name = output.name();
        StagedOutput.Assembled file = staged.assemble(output.batches().stream().map(Batch::number).toList(), name);
        Manifest manifest = manifest(plan, output, stats, file, startedAt);
        Path local = plan.outputDir().resolve(name);
        Path served = publishDir.map(dir -> dir.resolve(name)).orElse(local);
        List<Path> differing = new ArrayList<>();
        for (Path existing : new LinkedHashSet<>(List.of(served, local))) {
            if (Files.exists(existing) && !sameContent(existing, file)) {
                differing.add(existing);
            }
        }
        if (!differing.isEmpty() && !plan.replace()) {
            // The assembled file stays in the staging area for a --replace run.
            throw refusal(plan, differing.get(0), manifest);
        }
        boolean unchanged = Files.exists(served) && differing.isEmpty();
        String replaced = differing.isEmpty() ? null : earlier(differing.get(0));
        List<Path> placed = new ArrayList<>();
        // The manifest that already describes these bytes stays: it names the run that made them.
        Manifest kept = describing(plan.outputDir(), name, file.sha256()).orElse(manifest);
        Path manifestPath;
        boolean fromStaging = false;
        try {
            placing(local, placed);
            // Already there with these bytes: the assembled copy goes with the staging area.
            if (!Files.exists(local) || differing.contains(local)) {
                staged.place(file, name);
                fromStaging = true;
            }
            manifestPath = keepOrWriteManifest(plan.outputDir(), name, kept, placed);
        } catch (IOException e) {
            undo(staged, file, fromStaging, local, placed);
            throw e;
        }
        if (publishDir.isPresent()) {
            Path dir = publishDir.get();
            try {
                placing(served, placed);
                if (!Files.exists(served) || differing.contains(served)) {
                    DurableFiles.copyInto(local, dir);
                }
                manifestPath = keepOrWriteManifest(dir, name, kept, placed);
            } catch (IOException e) {
                undo(staged, file, fromStaging, local, placed);
                String reason = String.valueOf(e.getMessage());
                throw DumperException.output("cannot publish " + name + " into " + dir + " (" + reason + "); "
                        + (reason.contains("No space left") ? "free disk space in " + dir : "check the publish directory " + dir)
                        + " and run the same command again: finished batches are kept", e);
            }
        }
        if (replaced != null) {
            LOG.warnf("%s: replaced the published %s (%s) with this run's %,d rows (sha256 %s), as asked", plan.type().name(),
                    name, replaced, manifest.rows(), shortHash(manifest.sha256()));
        }
        return new PublishedFile(local, served, manifestPath, kept, unchanged);
    }

    /** Remembers {@code path} as placed by this publish, unless it was already there before it. */
    private static void placing(Path path, List<Path> placed) {
        if (!Files.exists(path)) {
            placed.add(path);
        }
    }

    /**
     * Takes back what a failed publish placed. The file moved out of the staging area goes back
     * there, so the next run finds its batches finished and publishes it without exporting them
     * again (as the message promises); the rest is removed.
     */
    private static void undo(StagedOutput staged, StagedOutput.Assembled file, boolean fromStaging, Path local,
            List<Path> placed) {
        if (fromStaging && placed.contains(local)) {
            try {
                staged.unplace(file, local);
                placed.remove(local);
            } catch (IOException e) {
                LOG.debugf("cannot move %s back into the staging area: %s", local, e.getMessage());
            }
        }
        removeQuietly(placed);
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

    private static boolean sameContent(Path existing, StagedOutput.Assembled file) throws IOException {
        return Files.size(existing) == file.bytes() && DurableFiles.sha256(existing).equals(file.sha256());
    }

    private DumperException refusal(RunPlan plan, Path existing, Manifest now) {
        String type = plan.type().name();
        return new DumperException(ExitCode.PUBLISHED_DIFFERS, existing + " is already published with other content ("
                + earlier(existing) + "; this run: " + String.format(Locale.ROOT, "%,d", now.rows()) + " rows, sha256 "
                + shortHash(now.sha256()) + "); it is left as it is. To replace it and update its report entry, run again with "
                + "--replace (API: \"replace\": true; schedules: dumper.dumps." + type + ".replace=true)");
    }

    /** What the file at {@code existing} holds, as its manifest says, for messages. */
    private String earlier(Path existing) {
        Optional<Manifest> m = read(existing.resolveSibling(existing.getFileName() + Manifest.SUFFIX));
        return m.map(x -> String.format(Locale.ROOT, "%,d rows, sha256 %s", x.rows(), shortHash(x.sha256())))
                .orElse("no manifest");
    }

    private static String shortHash(String sha256) {
        return sha256 == null ? "?" : sha256.substring(0, Math.min(12, sha256.length())) + "…";
    }

    /** The manifest beside {@code fileName} in {@code dir}, when it describes the bytes {@code sha256}. */
    private Optional<Manifest> describing(Path dir, String fileName, String sha256) {
        return read(dir.resolve(fileName + Manifest.SUFFIX)).filter(m -> sha256.equals(m.sha256()));
    }

    private Optional<Manifest> read(Path manifestPath) {
        return Manifest.read(json, manifestPath);
    }

    private Path keepOrWriteManifest(Path dir, String fileName, Manifest manifest, List<Path> placed) throws IOException {
        if (describing(dir, fileName, manifest.sha256()).isPresent()) {
            return dir.resolve(fileName + Manifest.SUFFIX);
        }
        return writeManifest(dir, fileName, manifest, placed);
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
