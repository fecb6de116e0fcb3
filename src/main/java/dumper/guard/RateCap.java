package dumper.guard;

/**
 * A cap on rows or bytes per second shared by every batch it applies to: each batch reserves
 * the time its last chunk is worth at the cap and sleeps until then, so several threads
 * together stay under it. Changed at run time through the API.
 */
final class RateCap {

    private volatile double perSecond;
    private long nextFree;

    RateCap(double perSecond) {
        this.perSecond = perSecond;
    }

    void set(double perSecond) {
        this.perSecond = perSecond;
    }

    double perSecond() {
        return perSecond;
    }

    /** Nanoseconds to wait before going on after {@code amount} more rows or bytes; 0 without a cap. */
    synchronized long reserve(long amount) {
        double cap = perSecond;
        if (cap <= 0 || amount <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        // Up to a second of unused time counts: the chunk was read before this call.
        long start = Math.max(now - 1_000_000_000L, nextFree);
        nextFree = start + (long) (amount / cap * 1e9);
        return Math.max(0, nextFree - now);
    }
}
