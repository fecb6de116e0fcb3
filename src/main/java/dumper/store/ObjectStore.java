package dumper.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dumper.config.BucketAddress;
import dumper.config.DumperConfig;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3-compatible object store that {@code publish-to} names: one client for the process, made on
 * first use, with credentials from the standard AWS chain only (environment, profile file,
 * container or web identity) and the SDK's retries on every request. Failures come out as one
 * line with the exit code of an output failure ({@link StoreFailures}).
 */
@ApplicationScoped
public class ObjectStore {

    private final DumperConfig.S3 config;
    private StoreSettings settings;
    private S3Client client;

    ObjectStore(DumperConfig config) {
        this.config = config.s3();
    }

    /** Fails when the bucket is missing, the credentials are refused or the store does not answer. */
    public void checkBucket(BucketAddress address) {
        try {
            client().headBucket(b -> b.bucket(address.bucket()));
        } catch (SdkException e) {
            throw StoreFailures.of(e, "checking the bucket", address, settings());
        }
    }

    /** The object under {@code name}, if there is one. */
    public Optional<StoredObject> head(BucketAddress address, String name) {
        try {
            HeadObjectResponse head = client().headObject(b -> b.bucket(address.bucket()).key(address.key(name)));
            return Optional.of(new StoredObject(head.contentLength(), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw StoreFailures.of(e, "looking for " + address.uri(name), address, settings());
        } catch (SdkException e) {
            throw StoreFailures.of(e, "looking for " + address.uri(name), address, settings());
        }
    }

    /** A small object's bytes (a manifest), if it exists. */
    public Optional<byte[]> read(BucketAddress address, String name) {
        try {
            return Optional.of(client().getObjectAsBytes(b -> b.bucket(address.bucket()).key(address.key(name))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw StoreFailures.of(e, "reading " + address.uri(name), address, settings());
        }
    }

    /**
     * Uploads {@code file} as {@code name} in parts, resuming the upload recorded in {@code state}
     * when it was of the same bytes ({@code sha256}); the object appears only when the upload
     * completes. {@code overwrite}: false asks the store to refuse an object that exists by then.
     */
    public void upload(BucketAddress address, String name, Path file, String sha256, Map<String, String> metadata,
            String contentType, boolean overwrite, Path state) throws IOException {
        new MultipartUpload(client(), settings(), address, name).run(file, sha256, metadata, contentType, overwrite, state);
    }

    /** Puts a small object (a manifest) in one request. */
    public void put(BucketAddress address, String name, byte[] content, String contentType) {
        try {
            client().putObject(b -> b.bucket(address.bucket()).key(address.key(name)).contentType(contentType)
                    .storageClass(settings().storageClass().orElse(null))
                    .serverSideEncryption(settings().serverSideEncryption().orElse(null))
                    .ssekmsKeyId(settings().kmsKeyId().orElse(null)), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw StoreFailures.of(e, "uploading " + address.uri(name), address, settings());
        }
    }

    /** The names (relative to {@code address}) of the objects whose names start with {@code namePrefix}. */
    public List<String> list(BucketAddress address, String namePrefix) {
        try {
            List<String> names = new ArrayList<>();
            for (S3Object object : client().listObjectsV2Paginator(b -> b.bucket(address.bucket())
                    .prefix(address.key(namePrefix))).contents()) {
                names.add(object.key().substring(address.prefix().length()));
            }
            return names;
        } catch (SdkException e) {
            throw StoreFailures.of(e, "listing " + address.uri(namePrefix), address, settings());
        }
    }

    public void delete(BucketAddress address, String name) {
        try {
            client().deleteObject(b -> b.bucket(address.bucket()).key(address.key(name)));
        } catch (SdkException e) {
            throw StoreFailures.of(e, "deleting " + address.uri(name), address, settings());
        }
    }

    /** The object's bytes as they arrive, for a download. */
    public InputStream open(BucketAddress address, String name) {
        try {
            return client().getObject(b -> b.bucket(address.bucket()).key(address.key(name)));
        } catch (SdkException e) {
            throw StoreFailures.of(e, "reading " + address.uri(name), address, settings());
        }
    }

    /** Whether {@code dumper serve} redirects downloads to a presigned URL instead of streaming them. */
    public boolean presignsDownloads() {
        return settings().presignDownloads();
    }

    /** A URL that fetches the object without credentials until {@code dumper.s3.presign-for} has passed. */
    public URI presign(BucketAddress address, String name) {
        StoreSettings s = settings();
        try (S3Presigner presigner = S3Presigner.builder()
                .region(region(s))
                .endpointOverride(s.endpoint().orElse(null))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build()) {
            return URI.create(presigner.presignGetObject(p -> p.signatureDuration(s.presignFor())
                    .getObjectRequest(g -> g.bucket(address.bucket()).key(address.key(name)))).url().toString());
        } catch (SdkException e) {
            throw StoreFailures.of(e, "signing a link to " + address.uri(name), address, s);
        }
    }

    /** The object's public URL when {@code dumper.s3.public-url} is set. */
    public Optional<String> publicUrl(BucketAddress address, String name) {
        return settings().publicUrl().map(base -> base + address.key(name));
    }

    public synchronized StoreSettings settings() {
        if (settings == null) {
            settings = StoreSettings.of(config);
        }
        return settings;
    }

    private synchronized S3Client client() {
        if (client == null) {
            StoreSettings s = settings();
            client = S3Client.builder()
                    .httpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(s.connectTimeout())
                            .socketTimeout(s.readTimeout())
                            .build())
                    .region(region(s))
                    .endpointOverride(s.endpoint().orElse(null))
                    .forcePathStyle(s.pathStyle())
                    .credentialsProvider(DefaultCredentialsProvider.builder().build())
                    .requestChecksumCalculation(s.checksumWhenSupported() ? RequestChecksumCalculation.WHEN_SUPPORTED
                            : RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(s.checksumWhenSupported() ? ResponseChecksumValidation.WHEN_SUPPORTED
                            : ResponseChecksumValidation.WHEN_REQUIRED)
                    .overrideConfiguration(o -> o.retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(s.attempts()).build()))
                    .build();
        }
        return client;
    }

    /** The region set, else (for AWS itself) the chain's, else us-east-1, which S3 look-alikes accept. */
    private static Region region(StoreSettings s) {
        if (s.region().isPresent()) {
            return Region.of(s.region().get());
        }
        if (s.endpoint().isEmpty()) {
            try {
                return DefaultAwsRegionProviderChain.builder().build().getRegion();
            } catch (SdkException e) {
                return Region.US_EAST_1;
            }
        }
        return Region.US_EAST_1;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
