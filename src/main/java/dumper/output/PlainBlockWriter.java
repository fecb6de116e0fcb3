package dumper.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes blocks as they are, for {@code compression=none}. */
public final class PlainBlockWriter implements BlockWriter {

    private final FileChannel file;
    private final BlockPool buffers;
    private long fileBytes;

    public PlainBlockWriter(FileChannel file, BlockPool buffers) {
        this.file = file;
        this.buffers = buffers;
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
        ByteBuffer buffer = ByteBuffer.wrap(block, 0, len);
        while (buffer.hasRemaining()) {
            fileBytes += file.write(buffer);
        }
        return block;
    }

    @Override
    public long fileBytes() {
        return fileBytes;
    }

    @Override
    public void close() throws IOException {
        try {
            file.force(true);
        } finally {
            file.close();
        }
    }
}
