package dumper.output;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The threads that compress blocks, shared by every file the process writes. At most two blocks
 * per thread wait for or go through deflate, whatever the number of files being written: the
 * bound is on the pool, not on each writer, so batches exported at once do not multiply the
 * megabyte blocks held in memory.
 */
public final class DeflatePool implements AutoCloseable {

    /** Blocks that may wait for or go through deflate, per compression thread. */
    static final int BLOCKS_PER_THREAD = 2;

    private final ExecutorService threads;
    private final Semaphore queued;

    public DeflatePool(int threadCount) {
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread thread = new Thread(r, "dumper-deflate");
            thread.setDaemon(true);
            return thread;
        });
        this.queued = new Semaphore(BLOCKS_PER_THREAD * threadCount);
    }

    /**
     * Compresses {@code len} bytes of {@code block} into one gzip member or zstd frame and gives the
     * block back to {@code buffers}; waits while the pool already holds its share of blocks.
     */
    public Future<byte[]> compress(byte[] block, int len, BlockCompressor compressor, BlockPool buffers)
            throws InterruptedIOException {
        try {
            queued.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to compress");
        }
        try {
            return threads.submit(() -> {
                try {
                    return compressor.compress(block, len);
                } finally {
                    buffers.give(block);
                    queued.release();
                }
            });
        } catch (RuntimeException e) {
            queued.release();
            throw e;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
