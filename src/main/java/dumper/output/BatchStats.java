package dumper.output;

/** What one finished batch wrote: rows, uncompressed text bytes, bytes on disk. */
public record BatchStats(int number, long rows, long textBytes, long fileBytes) {

    /** The counts as recorded beside a finished batch: {@code "<rows> <text bytes> <file bytes>"}. */
    public String counts() {
        return rows + " " + textBytes + " " + fileBytes;
    }

    /** Batch {@code number}'s counts as {@link #counts()} recorded them. */
    public static BatchStats parse(int number, String counts) {
        String[] c = counts.trim().split(" ");
        return new BatchStats(number, Long.parseLong(c[0]), Long.parseLong(c[1]), Long.parseLong(c[2]));
    }
}
