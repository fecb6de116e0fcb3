package dumper.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

    /**
     * An S3-compatible bucket finished files are also published to, e.g. {@code s3://bucket/prefix/};
     * a type may name its own ({@code dumper.dumps.<type>.publish-to}, {@code none} for none).
     * Unset: no object store. The store itself is set under {@link #s3()}.
     */
    Optional<String> publishTo();

    /** The object store behind {@code publish-to}; credentials come only from the standard AWS chain. */
    S3 s3();

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

    /** Paces every batch by the source's health (docs/operations.md, the source guard). */
    Guard guard();

    Retention retention();

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

    interface S3 {
        /** The store's URL, e.g. {@code http://minio:9000}; unset: AWS S3 in {@link #region()}. */
        Optional<String> endpoint();

        /** Unset: {@code AWS_REGION} or the profile when no endpoint is set, else {@code us-east-1}. */
        Optional<String> region();

        /** {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most S3 look-alikes need it. */
        @WithDefault("false")
        boolean pathStyle();

        /** e.g. {@code STANDARD_IA}; unset: the bucket's default. */
        Optional<String> storageClass();

        /** {@code AES256} or {@code aws:kms}; unset: the bucket's default encryption. */
        Optional<String> serverSideEncryption();

        /** The KMS key for {@code aws:kms}; unset: the account's default key. */
        Optional<String> kmsKeyId();

        /**
         * {@code when-supported}: CRC32 checksums on every upload, as AWS S3 takes them;
         * {@code when-required}: only where an operation needs one, for look-alikes that refuse the newer headers.
         */
        @WithDefault("when-supported")
        String checksum();

        /** Bytes per part of a multipart upload, at least 5M (S3's minimum); a smaller file is one part. */
        @WithDefault("16M")
        String partSize();

        /** Parts uploaded at once. */
        @WithDefault("4")
        String partsInFlight();

        /** Attempts per request (a part, the completion, the manifest), the first included. */
        @WithDefault("5")
        String attempts();

        /**
         * Send {@code If-None-Match: *} when completing a new object, so a store that supports it
         * refuses to overwrite one that appeared meanwhile; {@code false} for stores that reject the header.
         */
        @WithDefault("true")
        boolean conditionalWrites();

        /** Base URL the objects are also reachable at (e.g. a CDN); report entries get it as {@code :url}. */
        Optional<String> publicUrl();

        /** How {@code dumper serve} hands out a published object: {@code stream} it, or {@code presign} a redirect. */
        @WithDefault("stream")
        String download();

        /** How long a presigned download link stays valid. */
        @WithDefault("PT15M")
        Duration presignFor();

        /** Longest wait to connect to the store. */
        @WithDefault("PT10S")
        Duration connectTimeout();

        /** Longest silence from the store on an open connection before the request is retried. */
        @WithDefault("PT2M")
        Duration readTimeout();
    }

    /** format=parquet: how the writer bounds its memory. */
    Parquet parquet();

    interface Report {
        /** Off by default: not every deployment has a portal table. */
        @WithDefault("false")
        boolean enabled();

        /** Datasource of the portal's database; often not the (read-only) source. */
        @WithDefault("<default>")
        String datasource();

        /**
         * The INSERT, with any of :type :fileName :path :manifestPath :rows :bytes :sha256
         * :start :end :createdAt :runId :url (the public URL of an object, when dumper.s3.public-url is set).
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

        /**
         * Runs kept in the run history ({@code .dumper/runs/} in the output directory), newest
         * first; older finished runs are forgotten (their files stay).
         */
        @WithDefault("1000")
        int runHistory();
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

    interface Parquet {
        /**
         * A row group is written out once its compressed pages reach this size. Each export
         * thread holds one row group being filled, so this bounds memory (see docs/operations.md).
         */
        @WithDefault("4M")
        String rowGroupSize();
    }

    /**
     * The source guard: one monitor connection per datasource samples the server's health; every
     * batch waits while a signal is over its limit, slows down when one comes near it, and a run
     * stops (one-shot) or waits (serve) above a critical limit. Limits left unset are derived from
     * the value at the monitor's start, as pt-online-schema-change does.
     */
    interface Guard {
        /** Off only to compare (benchmarks): every batch then reads as fast as it can. */
        @WithDefault("true")
        boolean enabled();

        /** Time between two samples of the signals. */
        @WithDefault("PT1S")
        Duration interval();

        /** Hold above this many running threads (dumper's own not counted). Unset: the higher of 25 and the start-up value +20%. */
        OptionalLong threadsRunning();

        /** Stop above this (confirmed by a second sample). Unset: the higher of 50 and twice the start-up value. */
        OptionalLong threadsRunningCritical();

        /** Hold above this InnoDB history list length. Unset: the higher of 100000 and the start-up value +20%. */
        OptionalLong historyListLength();

        /** Stop above this history list length; unset: never. */
        OptionalLong historyListLengthCritical();

        /** Hold while the source, a replica, lags more than this (a stopped replica counts as over). */
        @WithDefault("PT10S")
        Duration replicaLag();

        /** Stop above this replica lag; unset: never. */
        Optional<Duration> replicaLagCritical();

        /** A pt-heartbeat table ({@code db.heartbeat}, written with {@code --utc}) to measure the lag by, instead of SHOW REPLICA STATUS. */
        Optional<String> heartbeatTable();

        /** The operator's own query: a first column above 0 holds every batch. */
        Optional<String> throttleQuery();

        /** While this file exists, every batch holds (for one-shot runs and CronJobs). */
        Optional<String> pauseFile();

        /**
         * Batches read more slowly while Threads_running, averaged over the interval (dumper's
         * sessions not counted), is above this many times its average while no batch read (never
         * below half a thread): the application's queries then take that much longer (Little's
         * law). 0 turns this off; holds and caps still apply.
         */
        @WithDefault("1.2")
        double loadTarget();

        /** Readings of Threads_running per interval, averaged (at most one every 10 ms). */
        @WithDefault("20")
        int loadSamples();

        /**
         * How long the monitor averages Threads_running before the first batch reads, for the
         * baseline of {@code load-target}: longer is steadier on a bursty server, and the first
         * batch waits for it (the window opens as the run starts, beside its checks).
         */
        @WithDefault("PT1S")
        Duration baselineWindow();

        /** Healthy samples in a row before a hold ends. */
        @WithDefault("3")
        int resumeAfter();

        /** Fraction of a limit above which batches read more slowly (multiplicatively) before they hold. */
        @WithDefault("0.8")
        double slowDownAt();

        /**
         * Longest hold inside a batch (its stream read more slowly); after it the batch ends and is
         * read again once the hold is over. The session's net_write_timeout is raised above it.
         */
        @WithDefault("PT10S")
        Duration holdInBatch();

        /** How long a run in serve waits above a critical limit before it fails (exit 9). */
        @WithDefault("PT1H")
        Duration criticalWait();

        /** Longest a batch's query may run on the server before it is split in two; PT0S: no limit. */
        @WithDefault("PT10M")
        Duration statementTimeLimit();

        /** Batches are not split into windows shorter than this: such a batch fails instead. */
        @WithDefault("PT1M")
        Duration splitFloor();

        /** A cap on every run's rows per second; unset: none (the API can set one per type or datasource). */
        OptionalLong rowsPerSecond();

        /** A cap on every run's bytes of text per second, e.g. {@code 20M}; unset: none. */
        Optional<String> bytesPerSecond();
    }

    /** What {@code serve} (every {@code every}) and {@code dumper clean} remove. */
    interface Retention {
        /** Staging of an unfinished run that no process holds, last written longer ago than this, is removed. */
        @WithDefault("P7D")
        Duration stagingAge();

        /** Published files (with their manifests) finished longer ago than this are removed; unset keeps them. */
        Optional<Duration> filesAge();

        /** Per type, only the newest this many published files are kept; unset keeps them all. */
        Optional<Integer> filesCount();

        /**
         * A file that a report entry still points to is kept (and listed) unless this is true;
         * then it is removed with a line saying its entry still points to it.
         */
        @WithDefault("false")
        boolean deleteReported();

        /** How often {@code serve} applies the retention. */
        @WithDefault("PT1H")
        Duration every();
    }
}
