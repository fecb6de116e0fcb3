package dumper.output;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** gzip members through {@code java.util.zip} (zlib): the fallback where libdeflate is not installed. */
final class ZlibCompressor implements BlockCompressor {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    private static final ThreadLocal<Deflater> DEFLATERS = ThreadLocal.withInitial(() -> new Deflater(6, true));
    /** Each deflate thread's output buffer, so that a member costs only its compressed size. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    private final int level;

    ZlibCompressor(int level) {
        this.level = level;
    }

    @Override
    public byte[] compress(byte[] input, int len) {
        Deflater deflater = DEFLATERS.get();
        deflater.reset();
        deflater.setLevel(level);
        deflater.setInput(input, 0, len);
        deflater.finish();
        // deflate never needs more than len + len/1000 + 12 bytes; an outsized row's block gets its own buffer.
        byte[] out = Scratch.get(SCRATCH, HEADER.length + len + len / 100 + 64);
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
