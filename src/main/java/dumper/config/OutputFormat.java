package dumper.config;

/** The format of an output file: rows of text, or Parquet's typed columns. */
public enum OutputFormat {
    CSV(".csv", false), TSV(".tsv", false), JSONL(".jsonl", false),
    /** Typed columns, compressed chunk by chunk inside the file, so its name has no compression extension. */
    PARQUET(".parquet", true);

    public final String extension;
    /** True when the rows are typed values in columns rather than text, and the file compresses itself. */
    public final boolean columnar;

    OutputFormat(String extension, boolean columnar) {
        this.extension = extension;
        this.columnar = columnar;
    }
}
