package dumper.output;

/** A compressing thread's reusable output buffer: a member then costs only its compressed size. */
final class Scratch {

    /** Buffers above this are for an outsized row's block and are not kept. */
    private static final int KEPT = 4 << 20;

    private Scratch() {
    }

    /** The thread's buffer if it holds {@code room} bytes, else a new one (kept unless outsized). */
    static byte[] get(ThreadLocal<byte[]> perThread, long room) {
        byte[] out = perThread.get();
        if (out.length < room) {
            out = new byte[Math.toIntExact(room)];
            if (room <= KEPT) {
                perThread.set(out);
            }
        }
        return out;
    }
}
