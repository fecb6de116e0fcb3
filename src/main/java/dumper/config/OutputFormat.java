package dumper.config;

/** The text format of an output file. */
public enum OutputFormat {
    CSV(".csv"), TSV(".tsv"), JSONL(".jsonl");

    public final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }
}
