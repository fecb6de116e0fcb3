package dumper.output;

import java.io.Closeable;
import java.io.IOException;

/** Takes full blocks of output text and writes them, compressed or not, to one file. */
public interface BlockWriter extends Closeable {

    /** A buffer to fill. */
    byte[] newBuffer();

    /** Takes back a buffer that will not be filled again. */
    void release(byte[] buffer);

    /** Takes {@code len} bytes of {@code block} and returns a buffer to fill next (the same or another). */
    byte[] accept(byte[] block, int len) throws IOException;

    /** Bytes written to the file so far (compressed, if compressing). */
    long fileBytes();
}
