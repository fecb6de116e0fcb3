package dumper.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything an operator sets. Values that people type by hand are kept as text here and
 * parsed by {@link DumpTypes}, so that a typo becomes one line naming the key rather than a
 * start-up stack trace.
 */
@ConfigMapping(prefix = "dumper")
public interface DumperConfig {

    /** {@code serve} or {@code worker} start that mode without arguments (see {@code Main}). */
    Optional<String> mode();

    /** The dump types, by name. */
    Map<String, DumpTypeConfig> dumps();

    /**
     * Where finished files land. Unset: {@code ./data}, made when missing; a directory named
     * here must exist, so that a typo or a missing mount does not put files where no one looks.
     */
    Optional<String> outputDir();

    /** {@link #outputDir()}, or {@code ./data} when it is unset (a helper, not a setting). */
    default Path outputDirectory() {
        return outputDir().map(Path::of).orElse(Path.of("./data"));
    }

    /**
     * Where the portal serves files from (e.g. {@code /mnt/server_dumps}); finished files and
     * their manifests are copied there too. It must exist. Unset: the output directory only.
     */
    Optional<String> publishDir();

    /** The report entry written for each published file. */
    Report report();

    /** Retries of a batch after a transient database failure. */
    Retry retry();

    /** Bounds on every connection to a datasource, so a stalled network path cannot hang a run. */
    Source source();

    /** The long-running service. */
    Serve serve();

    /** RabbitMQ, for runs whose batches are shared by workers. */
    Queue queue();

    /** Zone in which "today", "now" and scheduled windows are computed. */
    @WithDefault("UTC")
    String timeZone();

    /** Uncompressed bytes per gzip member; members are compressed in parallel. Text: see {@link ByteSizes}. */
    @WithDefault("1048576")
    String blockSize();

    /** Threads that compress blocks; 0 means one per core. */
    @WithDefault("0")
    int compressionThreads();

    /**
     * gzip through libdeflate when it is installed (about twice zlib's speed); false keeps
     * java.util.zip, e.g. to compare the two.
     */
    @WithDefault("true")
    boolean nativeCompression();

    /**
     * MySQL session time zone for the dump connection, e.g. {@code +00:00}. TIMESTAMP columns
     * are rendered by the server in this zone; unset keeps the server's own setting.
     */
    Optional<String> sessionTimeZone();

    interface Report {
        /** Off by default: not every deployment has a portal table. */
        @WithDefault("false")
        boolean enabled();

        /** Datasource of the portal's database; often not the (read-only) source. */
        @WithDefault("<default>")
        String datasource();

        /**
         * The INSERT, with any of :type :fileName :path :manifestPath :rows :bytes :sha256
         * :start :end :createdAt :runId.
         */
        @WithDefault("INSERT INTO dump_report (dump_type, file_name, file_path, row_count, byte_count, sha256, "
                + "window_start, window_end, created_at, run_id) "
                + "VALUES (:type, :fileName, :path, :rows, :bytes, :sha256, :start, :end, :createdAt, :runId)")
        String insert();

        /** Finds an entry for the same file, so that a re-run never inserts it twice. */
        @WithDefault("SELECT 1 FROM dump_report WHERE file_name = :fileName AND sha256 = :sha256")
        String exists();

        /**
         * Makes entries that describe other bytes at the same path describe this file: a file
         * replaced on request ({@code --replace}) keeps one true entry. Same parameters as insert.
         */
        @WithDefault("UPDATE dump_report SET dump_type = :type, file_name = :fileName, row_count = :rows, "
                + "byte_count = :bytes, sha256 = :sha256, window_start = :start, window_end = :end, created_at = :createdAt, "
                + "run_id = :runId WHERE file_path = :path AND sha256 <> :sha256")
        String update();

        /** Where the last published window of a type ended, for {@code window=since-last-run}. */
        @WithDefault("SELECT MAX(window_end) FROM dump_report WHERE dump_type = :type")
        String lastEnd();
    }

    interface Retry {
        /** Attempts per batch, the first included. */
        @WithDefault("3")
        int attempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithDefault("PT2S")
        Duration backoff();
    }

    interface Source {
        /**
         * Longest wait for a query's first row. Generous: a large {@code ORDER BY} may sort for
         * a long time before the server sends anything.
         */
        @WithDefault("PT1H")
        Duration firstRowTimeout();

        /**
         * Longest silence from the server once rows flow, and for every other statement (session
         * set-up, EXPLAIN, report entries). A network path that stops forwarding fails the batch
         * after this, and the batch is retried.
         */
        @WithDefault("PT5M")
        Duration readTimeout();

        /**
         * Largest row a run accepts, e.g. {@code 16M}; a larger one stops the run with a line
         * naming its size instead of running out of memory. Unset: a sixteenth of the maximum heap.
         */
        Optional<String> maxRowSize();
    }

    interface Serve {
        /** Runs of different types that may proceed at once. */
        @WithDefault("2")
        int parallelRuns();

        /** How long shutdown waits for runs in flight to stop at a clean point. */
        @WithDefault("PT20S")
        Duration shutdownGrace();

        /** Scheduled fires missed while the service was down: {@code skip}, {@code once} or {@code each}. */
        @WithDefault("once")
        String missedFires();

        /** When set, API calls need {@code Authorization: Bearer <token>}; health and metrics stay open. */
        Optional<String> apiToken();

        /**
         * Without a token, the API answers only clients on this machine (loopback), since the
         * files hold personal data; {@code true} opens it to every client, without a token.
         */
        @WithDefault("false")
        boolean allowAnonymous();
    }

    interface Queue {
        /** Whether runs started by the API and the scheduler hand their batches to workers. */
        @WithDefault("false")
        boolean enabled();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5672")
        int port();

        @WithDefault("guest")
        String username();

        @WithDefault("guest")
        String password();

        @WithDefault("/")
        String virtualHost();

        /** Queue names start with this, so deployments sharing a broker stay apart. */
        @WithDefault("dumper")
        String prefix();

        /** Batches a worker process exports at once (each on its own connection to the database). */
        @WithDefault("1")
        int workerConcurrency();

        /** Deliveries of a failing batch before it goes to the dead-letter queue and fails its run. */
        @WithDefault("2")
        int attempts();

        /**
         * How long a worker may hold one batch before the broker takes it back (RabbitMQ's
         * consumer timeout, 30 minutes by default, set per consumer; brokers before 3.11.15
         * use their own {@code consumer_timeout}). Longer than the slowest batch.
         */
        @WithDefault("PT24H")
        Duration batchTimeout();

        /**
         * How long a distributed run's coordinator waits for a broker that does not answer before
         * it gives up (exit code 10), keeping the finished batches for the next run.
         */
        @WithDefault("PT10M")
        Duration brokerTimeout();
    }
}
