package dumper.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.output.BatchStats;
import dumper.output.ContentDigest;
import dumper.output.DurableFiles;
import dumper.output.StagedOutput;
import dumper.plan.Batch;
import dumper.plan.RunPlan;
import dumper.store.ObjectStore;

/**
 * Puts a finished file where people get it: the output directory, then the publish directory and
 * the bucket when they are configured, each a {@link Destination} that takes the file and then its
 * manifest. Every step is atomic and can be repeated, so a run that died half-way through
 * publishing simply publishes again.
 * <p>A published file is never replaced silently: where the same name already holds the same
 * content (the same rows: the same decompressed bytes, however they were compressed or split into
 * batches), it stays as it is (with its manifest); where it holds other content, the run stops
 * with {@link ExitCode#PUBLISHED_DIFFERS} unless the plan says {@code replace}. The rule is
 * {@link #sameContent}, the same for every destination.
 */
@ApplicationScoped
public class Publisher {

    private static final Logger LOG = Logger.getLogger("dumper.publish");

    private final ObjectMapper json;
    private final Optional<Path> publishDir;
    private final ObjectStore store;
    private final String version;

    Publisher(ObjectMapper json, DumperConfig config, ObjectStore store,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.publishDir = config.publishDir().map(Path::of);
        this.store = store;
        this.version = version;
    }

    /** Fails before any work when a destination of {@code plan} cannot take files (a missing directory or bucket). */
    public void checkReady(RunPlan plan) {
        destinations(plan, null, null).stream().skip(1).forEach(Destination::checkReady);
    }

    /**
     * Places the file and its manifest in the output directory, then in the publish directory,
     * then in the bucket. When a step fails (a full disk, a store that stopped answering), what
     * this call placed is removed again, manifests first: a failed publish leaves nothing new under
     * a final name, and the staged parts (and uploaded parts) stay for the next run.
     */
    public PublishedFile publish(StagedOutput staged, RunPlan plan, RunPlan.OutputFile output, List<BatchStats> stats,
            ZonedDateTime startedAt) throws IOException {
        String name = output.name();
        StagedOutput.Assembled file = staged.assemble(output.batches().stream().map(Batch::number).toList(), name);
        // A run that died after placing the file finds it in the output directory, no longer staged.
        Path assembledAt = Files.exists(file.path()) ? file.path() : plan.outputDir().resolve(name);
        // The content digest reads the whole file back while the copies go out; only the
        // manifests (and a comparison with other bytes already published) wait for it.
        ThisRun run = new ThisRun(manifest(plan, output, stats, file, null, startedAt),
                ContentDigest.start(assembledAt, plan.type()));
        Manifest manifest = run.bytes();
        List<Destination> destinations = destinations(plan, staged, file);
        // Each destination that already holds this content, with the manifest that describes its bytes.
        Map<Destination, Manifest> holding = new LinkedHashMap<>();
        List<Destination> differing = new ArrayList<>();
        for (Destination destination : destinations) {
            Optional<Destination.Published> there = destination.find(name);
            if (there.isPresent()) {
                Optional<Manifest> same = sameContent(destination, name, there.get(), run, plan.type());
                if (same.isPresent()) {
                    holding.put(destination, same.get());
                } else {
                    differing.add(destination);
                }
            }
        }
        if (!differing.isEmpty() && !plan.replace()) {
            // The assembled file stays in the staging area for a --replace run.
            throw refusal(plan, differing.get(0), name, manifest);
        }
        Destination first = destinations.get(0);
        Destination served = destinations.get(destinations.size() - 1);
        boolean unchanged = holding.containsKey(served) && differing.isEmpty();
        String replaced = differing.isEmpty() ? null : earlier(differing.get(0), name);
        // The output directory keeps a file of the same content with the manifest that names the run
        // that made it; every destination that gets a copy gets the output directory's bytes.
        Manifest local = holding.getOrDefault(first, manifest);
        Path localPath = plan.outputDir().resolve(name);
        List<Destination> placedFile = new ArrayList<>();
        List<Destination> placedManifest = new ArrayList<>();
        Destination current = first;
        try {
            // Every file first, then every manifest: the manifests wait for the content digest,
            // which reads the file back while the copies go out.
            for (Destination destination : destinations) {
                current = destination;
                if (!holding.containsKey(destination)) {
                    if (!differing.contains(destination)) {
                        placedFile.add(destination);
                    }
                    // The first destination takes the staged file; the others copy the output directory's.
                    destination.place(destination == first ? file.path() : localPath, name,
                            holding.getOrDefault(destination, local), differing.contains(destination));
                }
            }
            for (Destination destination : destinations) {
                current = destination;
                Manifest describes = holding.getOrDefault(destination, local);
                if (describing(destination, name, describes.sha256()).isEmpty()) {
                    placedManifest.add(destination);
                    destination.writeManifest(name, run.complete(describes));
                }
            }
        } catch (IOException | RuntimeException e) {
            for (int i = destinations.size() - 1; i >= 0; i--) {
                Destination d = destinations.get(i);
                boolean fileToRemove = placedFile.contains(d) && !(d == first && backToStaging(staged, file, localPath));
                if (placedManifest.contains(d) || placedFile.contains(d)) {
                    d.remove(name, fileToRemove);
                }
            }
            if (current == first && e instanceof IOException io) {
                throw io;
            }
            throw current.failed(name, e);
        }
        Manifest kept = run.complete(holding.getOrDefault(served, local));
        if (replaced != null) {
            LOG.warnf("%s: replaced the published %s (%s) with this run's %,d rows (sha256 %s), as asked", plan.type().name(),
                    name, replaced, manifest.rows(), shortHash(manifest.sha256()));
        }
        return new PublishedFile(localPath, served.location(name), served.location(name + Manifest.SUFFIX), served.url(name),
                plan.type().publishTo(), kept, unchanged);
    }

    /**
     * Where {@code plan}'s files go, in order: the output directory, the publish directory, the
     * bucket. {@code staged} and {@code file} may be null when only checking.
     */
    private List<Destination> destinations(RunPlan plan, StagedOutput staged, StagedOutput.Assembled file) {
        List<Destination> destinations = new ArrayList<>();
        Path outputDir = plan.outputDir();
        destinations.add(new DirectoryDestination(outputDir, "output directory", plan.outputDirNamedBy(), json,
                (path, name) -> staged.place(file, name)));
        publishDir.filter(dir -> !dir.toAbsolutePath().normalize().equals(outputDir.toAbsolutePath().normalize()))
                .ifPresent(dir -> destinations.add(new DirectoryDestination(dir, "publish directory",
                        Optional.of("dumper.publish-dir"), json, (path, name) -> DurableFiles.copyInto(path, dir))));
        plan.type().publishTo().ifPresent(address -> destinations.add(new BucketDestination(store, address, json, staged)));
        return destinations;
    }

    /**
     * The replace rule, the same for every destination: what {@code destination} holds under
     * {@code name} is this run's content when it is the same bytes, or other bytes whose manifest
     * records the same rows ({@code contentSha256}: the decompressed bytes, {@link ContentDigest},
     * however they were compressed or split into batches; for a manifest written before it was
     * recorded, computed from the file where the destination can). Returns the manifest that
     * describes the bytes there (this run's when it has none of its own); empty when the content
     * differs. Bytes without a manifest of their own are the same only when they are this run's.
     */
    private static Optional<Manifest> sameContent(Destination destination, String name, Destination.Published existing,
            ThisRun now, DumpType type) throws IOException {
        String bytes = existing.sha256().get();
        Optional<Manifest> own = destination.manifest(name).filter(m -> bytes.equals(m.sha256()));
        if (bytes.equals(now.bytes().sha256())) {
            return Optional.of(own.orElse(now.bytes()));
        }
        if (own.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> content = own.get().contentSha256() != null ? Optional.of(own.get().contentSha256())
                : destination.contentSha256(name, type);
        return content.filter(now.contentSha256()::equals).map(c -> own.get());
    }

    /**
     * This run's manifest: {@code bytes} says everything but the content digest, which
     * {@code content} is still computing; {@link #complete} adds it once it is done.
     */
    private static final class ThisRun {

        private final Manifest bytes;
        private final ContentDigest.Pending content;
        private Manifest complete;

        ThisRun(Manifest bytes, ContentDigest.Pending content) {
            this.bytes = bytes;
            this.content = content;
        }

        Manifest bytes() {
            return bytes;
        }

        /** The sha256 of this run's decompressed bytes, once the digest has read them. */
        String contentSha256() throws IOException {
            return complete(bytes).contentSha256();
        }

        /** {@code manifest} as it is to be written: this run's with its content digest, another run's as it is. */
        Manifest complete(Manifest manifest) throws IOException {
            if (manifest != bytes) {
                return manifest;
            }
            if (complete == null) {
                complete = bytes.withContentSha256(content.get());
            }
            return complete;
        }
    }

    /**
     * Moves the assembled file that a failed publish placed in the output directory back into the
     * staging area, so the next run finds its batches finished and publishes it without exporting
     * them again (as the message promises); false when that fails and the file is to be removed.
     */
    private static boolean backToStaging(StagedOutput staged, StagedOutput.Assembled file, Path placed) {
        try {
            staged.unplace(file, placed);
            return true;
        } catch (IOException e) {
            LOG.debugf("cannot move %s back into the staging area: %s", placed, e.getMessage());
            return false;
        }
    }

    private DumperException refusal(RunPlan plan, Destination existing, String name, Manifest now) {
        String type = plan.type().name();
        return new DumperException(ExitCode.PUBLISHED_DIFFERS, existing.location(name)
                + " is already published with other content (" + earlier(existing, name) + "; this run: "
                + String.format(Locale.ROOT, "%,d", now.rows()) + " rows, sha256 " + shortHash(now.sha256())
                + "); it is left as it is. To replace it and update its report entry, run again with "
                + "--replace (API: \"replace\": true; schedules: dumper.dumps." + type + ".replace=true)");
    }

    /** What {@code name} in {@code destination} holds, as its manifest says, for messages. */
    private static String earlier(Destination destination, String name) {
        Optional<Manifest> m;
        try {
            m = destination.manifest(name);
        } catch (IOException | RuntimeException e) {
            m = Optional.empty();
        }
        return m.map(x -> String.format(Locale.ROOT, "%,d rows, sha256 %s", x.rows(), shortHash(x.sha256())))
                .orElse("no manifest");
    }

    private static String shortHash(String sha256) {
        return sha256 == null ? "?" : sha256.substring(0, Math.min(12, sha256.length())) + "…";
    }

    /** The manifest beside {@code name} in {@code destination}, when it describes the bytes {@code sha256}. */
    private static Optional<Manifest> describing(Destination destination, String name, String sha256) throws IOException {
        return destination.manifest(name).filter(m -> sha256.equals(m.sha256()));
    }

    private Manifest manifest(RunPlan plan, RunPlan.OutputFile output, List<BatchStats> stats, StagedOutput.Assembled file,
            String contentSha256, ZonedDateTime startedAt) {
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
                rows, text, file.bytes(), file.sha256(), contentSha256, batches,
                startedAt.toOffsetDateTime(),
                OffsetDateTime.now(startedAt.getZone()), plan.createdAt().toOffsetDateTime());
    }
}
