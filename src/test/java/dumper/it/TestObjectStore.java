package dumper.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy, a real S3-compatible server, for the object-store tests: its jar-with-dependencies
 * (copied to target/s3proxy/s3proxy.jar by the build, see pom.xml) started out of process on a
 * free loopback port with the filesystem provider and a data directory of its own, once per test
 * JVM, and stopped when the JVM exits. Each test makes a bucket of its own.
 */
final class TestObjectStore {

    static final String ACCESS_KEY = "dumper-it-access";
    /** A secret no output may ever show. */
    static final String SECRET_KEY = "it-secret-" + UUID.randomUUID().toString().substring(0, 12);

    private static Process process;
    private static int port;
    private static Path dataDir;
    private static S3Client client;

    private TestObjectStore() {
    }

    static synchronized int port() {
        if (process == null) {
            start();
        }
        return port;
    }

    static String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    /** The application's settings for this store with {@code publishTo}; the credentials go in {@link #credentials()}. */
    static Map<String, String> config(String publishTo) {
        Map<String, String> config = new HashMap<>();
        config.put("dumper.publish-to", publishTo);
        config.put("dumper.s3.endpoint", endpoint());
        config.put("dumper.s3.region", "us-east-1");
        config.put("dumper.s3.path-style", "true");
        config.put("dumper.s3.part-size", "5M");
        // S3Proxy 3.0.0 answers XAmzContentSHA256Mismatch to the SDK's default CRC32 trailers.
        config.put("dumper.s3.checksum", "when-required");
        return config;
    }

    /** The standard AWS environment variables, as a container gets them. */
    static Map<String, String> credentials() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    /** A client of the tests' own, for making buckets and reading what the application wrote. */
    static synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .endpointOverride(URI.create(endpoint()))
                    .region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build();
        }
        return client;
    }

    /** Makes a new bucket and returns its name. */
    static String newBucket(String name) {
        String bucket = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        client().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /** Keys of every object in {@code bucket}. */
    static List<String> keys(String bucket) {
        // S3Proxy's filesystem store lists the directories of prefixed keys too ("exports/"): they are not objects.
        return client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(o -> o.key())
                .filter(key -> !key.endsWith("/")).toList();
    }

    /** An s3cmd configuration for this store: the independent client the tests cross-check with. */
    static Path s3cmdConfig() throws IOException {
        Path config = Files.createTempFile(dataDir.getParent(), "s3cfg", "");
        Files.writeString(config, "[default]\naccess_key = " + ACCESS_KEY + "\nsecret_key = " + SECRET_KEY
                + "\nhost_base = 127.0.0.1:" + port() + "\nhost_bucket = 127.0.0.1:" + port()
                + "\nuse_https = False\nsignature_v2 = False\n");
        return config;
    }

    private static void start() {
        Path jar = Path.of("target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw verify copies it (maven-dependency-plugin, "
                    + "org.gaul:s3proxy:jar-with-dependencies)");
        }
        try {
            Path home = Files.createTempDirectory("dumper-it-s3proxy");
            dataDir = Files.createDirectory(home.resolve("data"));
            port = PackagedApp.freePort();
            Path properties = home.resolve("s3proxy.conf");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir,
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY) + "\n");
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("s3proxy.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestObjectStore::stop, "stop-s3proxy"));
            awaitListening(home.resolve("s3proxy.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** S3Proxy takes half a minute to start on a busy machine: wait for its port, or its death. */
    private static void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("S3Proxy did not start on port " + port + ": " + Files.readString(log));
    }

    private static void stop() {
        if (client != null) {
            client.close();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
