package dumper.output;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The row buffer encoders write into. Unsynchronised and growable; whenever a row ends and a
 * block is full, the block goes to a {@link BlockWriter} and a fresh buffer comes back.
 */
public final class ByteSink implements PartSink {

    private final BlockWriter downstream;
    private final int blockSize;
    private byte[] buf;
    private int pos;
    private long bytes;

    public ByteSink(BlockWriter downstream, int blockSize) {
        this.downstream = downstream;
        this.blockSize = blockSize;
        this.buf = downstream.newBuffer();
    }

    public void write(int b) {
        if (pos == buf.length) {
            grow(1);
        }
        buf[pos++] = (byte) b;
    }

    public void write(byte[] src) {
        write(src, 0, src.length);
    }

    public void write(byte[] src, int off, int len) {
        if (pos + len > buf.length) {
            grow(len);
        }
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    /** Called after each row, so blocks end on row boundaries. */
    @Override
    public void endRow() {
        if (pos >= blockSize) {
            flushBlock();
        }
    }

    /** Uncompressed bytes written so far. */
    @Override
    public long bytes() {
        return bytes + pos;
    }

    /** Bytes in the file below (compressed, when it is): final once closed. */
    @Override
    public long fileBytes() {
        return downstream.fileBytes();
    }

    /** Hands the last partial block on and closes the writer below. */
    @Override
    public void close() {
        flushBlock();
        releaseBuffer();
        try {
            downstream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the writer below after a failure, keeping the first error the one reported. */
    @Override
    public void abandon() {
        releaseBuffer();
        try {
            downstream.close();
        } catch (IOException | RuntimeException ignored) {
            // The part is incomplete and will be written again from scratch.
        }
    }

    private void flushBlock() {
        if (pos == 0) {
            return;
        }
        bytes += pos;
        byte[] full = buf;
        // The writer owns the block from here, also when accept fails: giving it back again
        // on abandon would put it in the pool twice, and two writers would fill one array.
        buf = null;
        try {
            buf = downstream.accept(full, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }

    private void releaseBuffer() {
        if (buf != null) {
            downstream.release(buf);
            buf = null;
        }
    }

    private void grow(int needed) {
        byte[] bigger = new byte[Math.max(buf.length * 2, pos + needed)];
        System.arraycopy(buf, 0, bigger, 0, pos);
        buf = bigger;
    }
}
