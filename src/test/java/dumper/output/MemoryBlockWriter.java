package dumper.output;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps what it is given, for tests of the encoders. */
public final class MemoryBlockWriter implements BlockWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public byte[] newBuffer() {
        return new byte[1024];
    }

    @Override
    public void release(byte[] buffer) {
    }

    @Override
    public byte[] accept(byte[] block, int len) {
        bytes.write(block, 0, len);
        return block;
    }

    @Override
    public long fileBytes() {
        return bytes.size();
    }

    @Override
    public void close() {
    }

    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
