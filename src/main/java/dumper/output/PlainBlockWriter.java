package dumper.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Writes blocks as they are, for {@code compression=none}. */
public final class PlainBlockWriter implements BlockWriter {

    private final FileChannel file;
    private final int blockSize;
    private long fileBytes;

    public PlainBlockWriter(FileChannel file, int blockSize) {
        this.file = file;
        this.blockSize = blockSize;
    }

    @Override
    public byte[] newBuffer() {
        return new byte[blockSize + blockSize / 4];
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
