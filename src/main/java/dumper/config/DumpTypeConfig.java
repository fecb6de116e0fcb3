package dumper.config;

import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The settings of one dump type, as written in configuration. Numbers are read as text too:
 * {@link DumpTypeParser} checks them and names a wrong one in one line, where the mapping itself
 * would stop start-up with the converter's message.
 */
public interface DumpTypeConfig {

    /** The SQL, relative to the working directory; defaults to {@code queries/<type>.sql}. */
    Optional<String> queryFile();

    /** {@code required}, {@code optional} or {@code prohibited}. */
    @WithDefault("optional")
    String dateRange();

    /** Window size of one batch: ISO-8601 ({@code P7D}, {@code PT4H}) or short ({@code 7d}, {@code 4h}). */
    @WithDefault("P1D")
    String batch();

    /**
     * Rows between progress updates and cancellation checks (the old tool's fetchmany size); the
     * source guard's pacing looks every 1,000 rows at most.
     */
    @WithDefault("10000")
    String fetchSize();

    /**
     * Batches exported at once, each on its own connection (like mydumper's {@code --threads}):
     * the server runs each query on one core, so two keep a second core busy. Output order
     * does not depend on it.
     */
    @WithDefault("2")
    String threads();

    /**
     * Cron expressions (Quartz syntax, seconds first) for serve mode, separated by {@code ;}
     * because a cron expression may itself hold commas: {@code 0 30 10,13 * * ?;0 0 17 * * ?}.
     */
    Optional<String> schedule();

    /** What a run without explicit dates covers: {@code none}, {@code today} or a duration back from now. */
    @WithDefault("none")
    String window();

    /** Named datasource to read from. */
    @WithDefault("<default>")
    String datasource();

    /** {@code csv}, {@code tsv}, {@code jsonl} or {@code parquet}. */
    @WithDefault("csv")
    String format();

    /**
     * {@code gzip}, {@code zstd} or {@code none}; for {@code parquet} also {@code snappy}. Unset:
     * gzip, and zstd for parquet (see {@link dumper.config.DumpTypeParser}).
     */
    Optional<String> compression();

    /**
     * gzip level 1 (fastest) to 9 (smallest), 5 by default; zstd level 1 to 19, 3 by default.
     * The defaults are in {@link dumper.config.Compression}, with the reason for each.
     */
    Optional<String> compressionLevel();

    /** Output file name; placeholders {type}, {start}, {end}, {now}, {ext}. */
    Optional<String> fileName();

    /** {@code run}: one file per run; {@code batch}: one file per batch. */
    @WithDefault("run")
    String files();

    /** How binary columns are written: {@code hex} or {@code base64}. */
    @WithDefault("hex")
    String binary();

    /**
     * How SQL NULL is written in CSV. Unset: an empty unquoted field, while the empty string
     * is written as {@code ""}, so the two stay apart.
     */
    Optional<String> csvNull();

    /**
     * Whether a scheduled run may replace a published file whose content changed (the source
     * changed since), updating its report entry, as {@code --replace} does on the command line.
     * Off: such a run fails and says so; a file with the same content is left as it is either way.
     */
    @WithDefault("false")
    String replace();

    /**
     * Whether CSV and TSV files start with a header row of column labels. Off for files that a
     * loader reads as rows only, such as {@code LOAD DATA INFILE} with its defaults.
     */
    @WithDefault("true")
    String header();

    /** A bucket of its own, {@code s3://bucket/prefix/}, or {@code none}; unset: {@code dumper.publish-to}. */
    Optional<String> publishTo();
}
