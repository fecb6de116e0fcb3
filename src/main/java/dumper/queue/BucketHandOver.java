package dumper.queue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dumper.config.BucketAddress;
import dumper.core.ExitCode;
import dumper.output.BatchStats;
import dumper.output.DurableFiles;
import dumper.output.StagedOutput;
import dumper.output.StagedOutput.BatchFailure;
import dumper.plan.RunPlan;
import dumper.store.ObjectStore;

/**
 * Batches handed over through the bucket a type publishes to, for workers that share no
 * directory with their coordinator (pods on different nodes). Under
 * {@code <prefix>.dumper/<file>/<plan>/} the coordinator keeps a {@code run} marker while it
 * waits; a worker uploads each finished batch as {@code NNNNNN.part}, then its counts and
 * columns as {@code NNNNNN.stats}, the batch's commit marker (or {@code NNNNNN.failed} with its
 * exit code and error); the coordinator takes each batch into its own staging area (the
 * columns checked as for a local batch) and deletes its objects, so the run goes on exactly as
 * with a shared volume. {@code <plan>} is a digest of the plan's fingerprint: batches of another
 * plan of the same file never mix. A coordinator that stops leaves what workers handed over for
 * the next run of the same command; the bucket's lifecycle rule removes what nobody comes back for.
 */
final class BucketHandOver {

    private static final String RUN = "run";
    private static final Pattern BATCH_OBJECT = Pattern.compile("(\\d{6})\\.(stats|failed)");

    private final ObjectStore store;
    private final BucketAddress address;
    private final String dir;

    private BucketHandOver(ObjectStore store, BucketAddress address, RunPlan plan) {
        this.store = store;
        this.address = address;
        byte[] digest = DurableFiles.sha256().digest(plan.fingerprint().getBytes(StandardCharsets.UTF_8));
        this.dir = ".dumper/" + plan.fileName() + "/" + HexFormat.of().formatHex(digest, 0, 8) + "/";
    }

    /** The hand-over of {@code plan}'s batches, when its type publishes to a bucket. */
    static Optional<BucketHandOver> of(RunPlan plan, ObjectStore store) {
        return plan.type().publishTo().map(address -> new BucketHandOver(store, address, plan));
    }

    /** Where the batches go, as a message names it: a worker compares it with its own, and uses its own. */
    String location() {
        return address.uri(dir);
    }

    /**
     * The coordinator: batches may now be handed over (a worker drops those of a run without its
     * marker). Failures recorded for an earlier attempt are dropped, as in the staging area: the
     * batches get another chance; {@code fresh}: so is every batch handed over before.
     */
    void open(boolean fresh) {
        for (String name : store.list(address, dir)) {
            if (fresh || name.endsWith(".failed")) {
                store.delete(address, name);
            }
        }
        store.put(address, dir + RUN, new byte[0], "text/plain");
    }

    /** A worker: whether the coordinator still waits for this run's batches. */
    boolean isOpen() {
        return store.head(address, dir + RUN).isPresent();
    }

    /** The coordinator, once every batch is in: removes the marker first, then whatever is left (a redelivered batch's copy). */
    void close() {
        store.delete(address, dir + RUN);
        for (String name : store.list(address, dir)) {
            store.delete(address, name);
        }
    }

    /** A worker: whether a batch was handed over already (and not yet taken). */
    boolean isHandedOver(int batch) {
        return store.head(address, name(batch, "stats")).isPresent();
    }

    /** A worker: uploads a finished batch, then its counts and columns, which mark it handed over. */
    void handOver(int batch, Path part, BatchStats stats, String columns, Path uploadState) throws IOException {
        store.upload(address, name(batch, "part"), part, DurableFiles.sha256(part), Map.of(), "application/octet-stream", true,
                uploadState);
        String record = stats.counts() + "\n" + columns;
        store.put(address, name(batch, "stats"), record.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** A worker: tells the coordinator that a batch failed for good, and why. */
    void markFailed(int batch, ExitCode exitCode, String error) {
        store.put(address, name(batch, "failed"), new BatchFailure(exitCode, error).text().getBytes(StandardCharsets.UTF_8),
                "text/plain");
    }

    /** The coordinator: what the workers have handed over or given up on, by batch, in one listing. */
    Scan scan() {
        Scan scan = new Scan(new HashSet<>(), new HashSet<>());
        for (String name : store.list(address, dir)) {
            Matcher m = BATCH_OBJECT.matcher(name.substring(dir.length()));
            if (m.matches()) {
                int batch = Integer.parseInt(m.group(1));
                (m.group(2).equals("stats") ? scan.handedOver() : scan.failed()).add(batch);
            }
        }
        return scan;
    }

    /** The numbers of the batches handed over and of those failed. */
    record Scan(Set<Integer> handedOver, Set<Integer> failed) {
    }

    /** The failure a worker recorded for {@code batch}, as in a shared staging area. */
    Optional<BatchFailure> failure(int batch) {
        return store.read(address, name(batch, "failed")).map(bytes -> BatchFailure.parse(new String(bytes,
                StandardCharsets.UTF_8)));
    }

    /** A batch handed over: its counts and the columns it returned. */
    record HandedOver(BatchStats stats, String columns) {
    }

    /** The coordinator: the counts and columns of a batch handed over, to check before taking it. */
    HandedOver handedOver(int batch) {
        String record = new String(store.read(address, name(batch, "stats")).orElseThrow(), StandardCharsets.UTF_8);
        int newline = record.indexOf('\n');
        return new HandedOver(BatchStats.parse(batch, record.substring(0, newline)), record.substring(newline + 1));
    }

    /** The coordinator: downloads a batch into its staging area as a finished part, then deletes its objects. */
    void take(int batch, BatchStats stats, StagedOutput staged) throws IOException {
        try (InputStream bytes = store.open(address, name(batch, "part"))) {
            staged.acceptPart(batch, bytes, stats);
        }
        store.delete(address, name(batch, "stats"));
        store.delete(address, name(batch, "part"));
    }

    private String name(int batch, String kind) {
        return dir + String.format("%06d.%s", batch, kind);
    }
}
