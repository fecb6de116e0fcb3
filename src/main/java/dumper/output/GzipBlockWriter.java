package dumper.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dumper.core.OutOfMemory;

/**
 * Compresses each block into a complete gzip member (or zstd frame, with a zstd
 * {@link BlockCompressor}) on a {@link DeflatePool} and writes them in order (as
 * {@code pigz --independent} does). A file of concatenated members is one valid gzip stream for
 * gzip, zcat, Python and pandas, and concatenated frames one zstd file; the reading thread waits
 * for compression only when the pool or this writer already holds its share of blocks, which
 * bounds memory.
 */
public final class GzipBlockWriter implements BlockWriter {

    /** Members compressed or compressing but not yet written: bounds this writer's memory. */
    private static final int MAX_PENDING = 4;

    private final FileChannel file;
    private final DeflatePool pool;
    private final BlockPool buffers;
    private final BlockCompressor compressor;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private long fileBytes;
    private boolean wroteMember;

    public GzipBlockWriter(FileChannel file, DeflatePool pool, BlockCompressor compressor, BlockPool buffers) {
        this.file = file;
        this.pool = pool;
        this.buffers = buffers;
        this.compressor = compressor;
    }

    @Override
    public byte[] newBuffer() {
        return buffers.take();
    }

    @Override
    public void release(byte[] buffer) {
        buffers.give(buffer);
    }

    @Override
    public byte[] accept(byte[] block, int len) throws IOException {
        pending.add(pool.compress(block, len, compressor, buffers));
        while (!pending.isEmpty() && (pending.size() >= MAX_PENDING || pending.peek().isDone())) {
            writeMember(await(pending.poll()));
        }
        return newBuffer();
    }

    @Override
    public long fileBytes() {
        return fileBytes;
    }

    @Override
    public void close() throws IOException {
        try {
            while (!pending.isEmpty()) {
                writeMember(await(pending.poll()));
            }
            if (!wroteMember) {
                // An empty file would not be valid gzip (nor zstd); an empty member (frame) is.
                writeMember(compressor.compress(new byte[0], 0));
            }
            file.force(true);
        } finally {
            // Blocks still compressing after a failure are left to finish: cancelling one that has
            // not started would keep its place in the deflate pool's bound forever.
            pending.clear();
            file.close();
        }
    }

    private void writeMember(byte[] member) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(member);
        while (buffer.hasRemaining()) {
            fileBytes += file.write(buffer);
        }
        wroteMember = true;
    }

    private static byte[] await(Future<byte[]> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError oom) {
                throw OutOfMemory.halt(oom);
            }
            throw new IOException("compression failed: " + e.getCause(), e.getCause());
        }
    }
}
