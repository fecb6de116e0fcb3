package dumper.output;

/** What one finished batch wrote: rows, uncompressed text bytes, bytes on disk. */
public record BatchStats(int number, long rows, long textBytes, long fileBytes) {
}
