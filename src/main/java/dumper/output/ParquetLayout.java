package dumper.output;

/**
 * How large the pieces of a Parquet part may grow: what bounds its writer's memory. A row group
 * is held (compressed) until it reaches {@code rowGroupBytes}; meanwhile each column fills one
 * page and one dictionary.
 */
record ParquetLayout(int rowGroupBytes, int pageBytes, int dictionaryBytes) {

    /**
     * 64 KB pages (parquet-java's default is 1 MB): a wide row of text columns then holds a few MB
     * of unfinished pages, not tens. Dictionaries up to 256 KB per column: enough for the codes,
     * names and categories that repeat, and a column of mostly distinct values falls back to
     * plain pages early.
     */
    static ParquetLayout of(int rowGroupBytes) {
        return new ParquetLayout(rowGroupBytes, 64 * 1024, 256 * 1024);
    }
}
