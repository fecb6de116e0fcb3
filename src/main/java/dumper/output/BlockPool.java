package dumper.output;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Block buffers shared by every writer of the process. Buffers of a megabyte outlive a young
 * collection and land in the old generation; allocating fresh ones for each batch filled the
 * small heap with them and cost a full collection every few hundred milliseconds. Reused,
 * they stay put. Holds only buffers that were in use at once, and at most {@code capacity}.
 */
public final class BlockPool {

    private final int bufferSize;
    private final ArrayBlockingQueue<byte[]> free;

    /** Buffers of {@code blockSize} plus a quarter, room for the row that crosses the block's end. */
    public BlockPool(int blockSize, int capacity) {
        this.bufferSize = blockSize + blockSize / 4;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    public byte[] take() {
        byte[] recycled = free.poll();
        return recycled != null ? recycled : new byte[bufferSize];
    }

    /** Takes a buffer back; one grown for an outsized row is left to the collector. */
    public void give(byte[] buffer) {
        if (buffer.length == bufferSize) {
            free.offer(buffer);
        }
    }
}
