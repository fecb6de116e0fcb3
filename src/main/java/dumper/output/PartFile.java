package dumper.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A part's channel as parquet-java's {@link OutputFile}: no Hadoop file system involved. Positions
 * count from where the part starts in the channel (its own file, or the end of the output file
 * it is written straight into), so a part's footer is the same wherever its bytes land.
 * Closing flushes, syncs and closes the channel, as the text writers do.
 */
final class PartFile implements OutputFile {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final Stream stream = new Stream();

    PartFile(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) {
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    /** Bytes of the part so far, buffered ones included. */
    long position() {
        return stream.position;
    }

    /** Closes the channel without writing what is buffered: the part is written again. */
    void abandon() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The part is incomplete and will be written again from scratch.
        }
    }

    private final class Stream extends PositionOutputStream {

        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        private long position;
        private boolean closed;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.put((byte) b);
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > buffer.remaining()) {
                flush();
            }
            if (length > buffer.capacity()) {
                writeFully(ByteBuffer.wrap(bytes, offset, length));
            } else {
                buffer.put(bytes, offset, length);
            }
            position += length;
        }

        @Override
        public void flush() throws IOException {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flush();
                channel.force(true);
            } finally {
                channel.close();
            }
        }

        private void writeFully(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
