package dumper.output;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dumper.config.ByteSizes;
import dumper.config.Compression;
import dumper.config.DumpType;
import dumper.config.DumperConfig;
import dumper.config.OutputFormat;
import dumper.core.Cancellation;
import dumper.core.DumperException;
import dumper.core.ExitCode;

/**
 * How many batches the heap carries at once, across every run and worker thread of the process.
 * Each batch being written holds buffers (a block filling and the members compressed but not yet
 * written; or a Parquet row group); two runs at 8 or 16 threads on the launcher's 40 MB heap ran
 * out of memory. A batch reserves its share before it reads and gives it back when it ends, so a
 * batch beyond what the heap carries waits for another to finish instead of failing the process:
 * the threads setting is an upper bound, the heap the other.
 *
 * <p>The budget is half the heap less the compression pool's blocks; the other half holds the
 * framework, the driver and the collector's headroom. Measured with {@code ./dumper}'s -Xmx40m
 * (docs/operations.md, Memory): 17 MB live after a collection with one thread, 1.5 MB more per
 * thread; at 12 threads the collector ran 32 full collections, at 16 the heap ran out. The
 * estimate per batch, two buffers of {@code dumper.block-size} and a quarter, is above what was
 * measured, so the launcher's 40 MB heap carries 5 batches of text at once on two cores.
 */
@ApplicationScoped
public class HeapBudget {

    private static final Logger LOG = Logger.getLogger("dumper.run");
    private static final int KIB = 1024;

    private final int bufferBytes;
    private final int rowGroupBytes;
    private final long heapBytes;
    private final long budgetBytes;
    private final int totalKibibytes;
    private final Semaphore kibibytes;
    private final Set<String> toldAbout = ConcurrentHashMap.newKeySet();

    @Inject
    HeapBudget(DumperConfig config) {
        this(config, Runtime.getRuntime().maxMemory());
    }

    HeapBudget(DumperConfig config, long heapBytes) {
        int blockBytes = ByteSizes.blockSize(config);
        this.bufferBytes = blockBytes + blockBytes / 4;
        this.rowGroupBytes = ByteSizes.rowGroupSize(config);
        int compressionThreads = config.compressionThreads() > 0 ? config.compressionThreads()
                : Runtime.getRuntime().availableProcessors();
        long poolBytes = (long) DeflatePool.BLOCKS_PER_THREAD * compressionThreads * bufferBytes;
        this.heapBytes = heapBytes;
        this.budgetBytes = Math.max(0, heapBytes / 2 - poolBytes);
        this.totalKibibytes = (int) Math.min(Integer.MAX_VALUE, budgetBytes / KIB);
        // Fair: a large share (a Parquet batch) is not passed over for ever by smaller ones.
        this.kibibytes = new Semaphore(totalKibibytes, true);
    }

    /** What one batch of {@code type} holds while it is written, estimated from the settings. */
    public long bytesPerBatch(DumpType type) {
        if (type.format() == OutputFormat.PARQUET) {
            // The row group's compressed pages, and each column's open page and dictionary.
            return rowGroupBytes + rowGroupBytes / 2L;
        }
        return type.compression() == Compression.NONE ? bufferBytes : 2L * bufferBytes;
    }

    /** How many batches of {@code type} the heap carries at once, when nothing else runs; at least one. */
    public int batchesAtOnce(DumpType type) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / bytesPerBatch(type)));
    }

    /**
     * Waits until the heap carries one more batch of {@code type}, then holds its share until the
     * returned reservation is closed. A batch larger than the whole budget waits until it runs
     * alone. Stops waiting, with the run, when {@code cancellation} is requested.
     */
    public Reservation reserve(DumpType type, Cancellation cancellation) {
        int share = (int) Math.min(totalKibibytes, Math.ceilDiv(bytesPerBatch(type), KIB));
        tellOnce(type);
        try {
            while (!kibibytes.tryAcquire(share, 200, TimeUnit.MILLISECONDS)) {
                cancellation.check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DumperException(ExitCode.INTERRUPTED, "interrupted; run the same command again to resume");
        }
        return new Reservation(share);
    }

    /** Says once per type, when its threads are more than the heap carries, that some of them will wait. */
    private void tellOnce(DumpType type) {
        int atOnce = batchesAtOnce(type);
        if (type.threads() > atOnce && toldAbout.add(type.name())) {
            LOG.warnf("%s: the %d MB heap carries %d of its %d threads' batches at once (about %d KB each); the others "
                    + "wait for them. Raise the heap (-Xmx in DUMPER_JAVA_OPTS) to run them all", type.name(),
                    heapBytes / (KIB * KIB), atOnce, type.threads(), bytesPerBatch(type) / KIB);
        }
    }

    /** A batch's share of the heap; closing it gives the share back. */
    public final class Reservation implements AutoCloseable {

        private final int share;
        private boolean released;

        private Reservation(int share) {
            this.share = share;
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                kibibytes.release(share);
            }
        }
    }
}
