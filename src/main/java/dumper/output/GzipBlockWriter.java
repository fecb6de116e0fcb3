package dumper.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses each block into a complete gzip member on a {@link DeflatePool} and writes the
 * members in order (as {@code pigz --independent} does). A file of concatenated members is one
 * valid gzip stream for gzip, zcat, Python and pandas; the reading thread waits for deflate only
 * when the pool or this writer already holds its share of blocks, which bounds memory.
 */
public final class GzipBlockWriter implements BlockWriter {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(6, true));
    /** Each deflate thread's output buffer, so that a member costs only its compressed size. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    /** Members compressed or compressing but not yet written: bounds this writer's memory. */
    private static final int MAX_PENDING = 4;

    private final FileChannel file;
    private final DeflatePool pool;
    private final BlockPool buffers;
    private final int level;
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private long fileBytes;
    private boolean wroteMember;

    public GzipBlockWriter(FileChannel file, DeflatePool pool, int level, BlockPool buffers) {
        this.file = file;
        this.pool = pool;
        this.buffers = buffers;
        this.level = level;
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
        pending.add(pool.compress(block, len, level, buffers));
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
                // An empty file would not be valid gzip; an empty member is.
                writeMember(compress(new byte[0], 0, level));
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
            throw new IOException("compression failed: " + e.getCause(), e.getCause());
        }
    }

    static byte[] compress(byte[] input, int len, int level) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setLevel(level);
        deflater.setInput(input, 0, len);
        deflater.finish();
        // deflate never needs more than len + len/1000 + 12 bytes; an outsized row's block gets its own buffer.
        int room = HEADER.length + len + len / 100 + 64;
        byte[] out = SCRATCH.get();
        if (out.length < room) {
            out = new byte[room];
            if (room <= 4 << 20) {
                SCRATCH.set(out);
            }
        }
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        int n = HEADER.length;
        while (!deflater.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        CRC32 crc = new CRC32();
        crc.update(input, 0, len);
        byte[] member = Arrays.copyOf(out, n + 8);
        putIntLE(member, n, (int) crc.getValue());
        putIntLE(member, n + 4, len);
        return member;
    }

    private static void putIntLE(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }
}
