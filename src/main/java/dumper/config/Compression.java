package dumper.config;

/** How an output file is compressed, with the levels each method takes. */
public enum Compression {
    /** Level 5 by default: measured in docs/design.md (compression level). */
    GZIP(".gz", 5, 9),
    /** Level 3 is zstd's own default; above 19 it needs far more memory. */
    ZSTD(".zst", 3, 19),
    /** Only inside Parquet files (format=parquet): it has no levels. */
    SNAPPY("", 0, 0),
    NONE("", 0, 0);

    public final String extension;
    public final int defaultLevel;
    public final int maxLevel;

    Compression(String extension, int defaultLevel, int maxLevel) {
        this.extension = extension;
        this.defaultLevel = defaultLevel;
        this.maxLevel = maxLevel;
    }
}
