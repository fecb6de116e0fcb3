package dumper.output;

/** How an output file is compressed. */
public enum Compression {
    GZIP(".gz"), NONE("");

    public final String extension;

    Compression(String extension) {
        this.extension = extension;
    }
}
