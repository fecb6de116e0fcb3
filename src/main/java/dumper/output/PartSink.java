package dumper.output;

/**
 * What one batch's rows are written into, down to its part's file: text bytes ({@link ByteSink})
 * or typed values in columns ({@link ParquetSink}). Staging, joining and publishing treat both
 * alike: a part is a file of bytes either way.
 */
public sealed interface PartSink permits ByteSink, ParquetSink {

    /** Called after each row. */
    void endRow();

    /** The content written so far, uncompressed: text bytes, or Parquet's encoded column values. */
    long bytes();

    /** Bytes in the part's file: final once closed. */
    long fileBytes();

    /** Writes what is buffered, syncs and closes the part's file. */
    void close();

    /** Closes the part's file after a failure, keeping the first error the one reported. */
    void abandon();
}
