package dumper.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dumper.config.BucketAddress;
import dumper.core.DumperException;
import dumper.core.ExitCode;
import dumper.output.DurableFiles;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One file uploaded as one object, in parts of {@code part-size}, {@code parts-in-flight} at once;
 * each part is read from the file when (and each time) it is sent, and retried on its own by the
 * SDK. The object appears only when the upload completes. The upload's id is recorded in the
 * staging area as soon as it exists: a run that dies (kill -9, a lost node) leaves its parts in
 * the store, and the next run of the same bytes lists them (ListParts) and sends only the rest.
 * A run that fails here aborts its upload, so no parts stay billed; a lifecycle rule cleans up
 * after the runs that could not (docs/operations.md).
 */
final class MultipartUpload {

    /** Tries to abort a failed upload, independent of the attempts per request: 3.1 s of pauses in all. */
    private static final int ABORT_ATTEMPTS = 6;
    private static final long FIRST_ABORT_PAUSE_MILLIS = 100;

    private static final Logger LOG = Logger.getLogger("dumper.publish");

    private final S3Client s3;
    private final StoreSettings settings;
    private final BucketAddress address;
    private final String name;
    private final String key;

    MultipartUpload(S3Client s3, StoreSettings settings, BucketAddress address, String name) {
        this.s3 = s3;
        this.settings = settings;
        this.address = address;
        this.name = name;
        this.key = address.key(name);
    }

    /** The state file: the upload id, the sha256 of the bytes it uploads and the part size. */
    private record State(String uploadId, String sha256, long partSize) {

        static Optional<State> read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 3) {
                return Optional.empty();
            }
            return Optional.of(new State(lines.get(0), lines.get(1), Long.parseLong(lines.get(2))));
        }

        void write(Path file) throws IOException {
            DurableFiles.writeDurably(file, uploadId + "\n" + sha256 + "\n" + partSize + "\n");
        }
    }

    void run(Path file, String sha256, Map<String, String> metadata, String contentType, boolean overwrite, Path stateFile)
            throws IOException {
        long size = Files.size(file);
        long partSize = settings.partSize();
        int parts = (int) Math.max(1, (size + partSize - 1) / partSize);
        State state = null;
        Map<Integer, CompletedPart> done = new ConcurrentHashMap<>();
        try {
            Optional<State> earlier = State.read(stateFile);
            if (earlier.isPresent() && earlier.get().sha256().equals(sha256) && earlier.get().partSize() == partSize) {
                state = earlier.get();
                if (!resume(state, size, done)) {
                    state = null;
                }
            } else if (earlier.isPresent()) {
                abortQuietly(earlier.get().uploadId());
            }
            if (state == null) {
                String uploadId = s3.createMultipartUpload(b -> b.bucket(address.bucket()).key(key).contentType(contentType)
                        .metadata(metadata)
                        .checksumAlgorithm(settings.checksumWhenSupported() ? ChecksumAlgorithm.CRC32 : null)
                        .storageClass(settings.storageClass().orElse(null))
                        .serverSideEncryption(settings.serverSideEncryption().orElse(null))
                        .ssekmsKeyId(settings.kmsKeyId().orElse(null))).uploadId();
                state = new State(uploadId, sha256, partSize);
                state.write(stateFile);
            } else {
                LOG.infof("%s: resuming its upload: %d of %d parts are in the store already", address.uri(name), done.size(), parts);
            }
            sendParts(file, size, parts, state.uploadId(), done);
            complete(state.uploadId(), done, overwrite);
            Files.deleteIfExists(stateFile);
        } catch (IOException | RuntimeException e) {
            // A cut connection may surface as the SDK's exception or as an I/O error of the part's
            // body: either way the upload is aborted (a stop is not: the next run resumes it).
            if (state != null && !(e instanceof java.io.InterruptedIOException) && !(e instanceof DumperException)
                    && abortQuietly(state.uploadId())) {
                Files.deleteIfExists(stateFile);
            }
            if (!(e instanceof SdkException)) {
                throw e;
            }
            if (e instanceof S3Exception s && s.statusCode() == 412) {
                throw new DumperException(ExitCode.PUBLISHED_DIFFERS, address.uri(name) + " appeared in the store while this run "
                        + "uploaded it, and is left as it is; run the same command again to compare it with this run's file");
            }
            throw StoreFailures.of((SdkException) e, "uploading " + address.uri(name), address, settings);
        }
    }

    /** Fills {@code done} with the parts already uploaded; false when the upload is gone. */
    private boolean resume(State state, long size, Map<Integer, CompletedPart> done) {
        try {
            for (Part part : s3.listPartsPaginator(b -> b.bucket(address.bucket()).key(key).uploadId(state.uploadId())).parts()) {
                long expected = Math.min(state.partSize(), size - (long) (part.partNumber() - 1) * state.partSize());
                if (part.size() != null && part.size() == expected) {
                    done.put(part.partNumber(), CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag())
                            .checksumCRC32(settings.checksumWhenSupported() ? part.checksumCRC32() : null).build());
                }
            }
            return true;
        } catch (NoSuchUploadException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Sends the missing parts, {@code parts-in-flight} at a time. When one fails, the parts not yet
     * started are dropped and those already sending are let finish, not interrupted: an interrupted
     * part can leave its request open with half its body sent, the store then holds a half-written
     * part until it times the request out, and the abort that follows fails meanwhile (S3Proxy's
     * filesystem store answers it with 400 for as long). Only a stop interrupts them.
     */
    private void sendParts(Path file, long size, int parts, String uploadId, Map<Integer, CompletedPart> done)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.partsInFlight(), parts),
                Thread.ofPlatform().name("upload-part-", 1).daemon().factory());
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int n = 1; n <= parts; n++) {
                if (done.containsKey(n)) {
                    continue;
                }
                int number = n;
                long offset = (n - 1) * settings.partSize();
                long length = Math.min(settings.partSize(), size - offset);
                sent.add(pool.submit(() -> {
                    // Set by the failing part itself: a pool thread freed by that failure must not start
                    // the next part in the moment before the loop below sees the failure and cancels it.
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        UploadPartResponse r = s3.uploadPart(b -> b.bucket(address.bucket()).key(key).uploadId(uploadId)
                                .partNumber(number).contentLength(length)
                                .checksumAlgorithm(settings.checksumWhenSupported() ? ChecksumAlgorithm.CRC32 : null),
                                RequestBody.fromContentProvider(() -> slice(file, offset, length), length, "application/octet-stream"));
                        done.put(number, CompletedPart.builder().partNumber(number).eTag(r.eTag())
                                .checksumCRC32(r.checksumCRC32()).build());
                        return null;
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            for (Future<?> f : sent) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    sent.forEach(other -> other.cancel(false));
                    if (e.getCause() instanceof SdkException s) {
                        throw s;
                    }
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    sent.forEach(other -> other.cancel(true));
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while uploading " + address.uri(name));
                }
            }
        } finally {
            pool.shutdown();
            awaitPartsInFlight(pool);
        }
    }

    /**
     * Waits for the parts still in flight to end (an interrupt does not stop a request already
     * sending), so that the abort after a failure comes after them: a part that lands after the
     * abort starts the upload again in some stores (S3Proxy's filesystem store does), and it
     * would stay billed. Bounded by the store's timeouts.
     */
    private void awaitPartsInFlight(ExecutorService pool) {
        try {
            pool.awaitTermination(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void complete(String uploadId, Map<Integer, CompletedPart> done, boolean overwrite) {
        List<CompletedPart> parts = done.values().stream().sorted(Comparator.comparing(CompletedPart::partNumber)).toList();
        s3.completeMultipartUpload(b -> b.bucket(address.bucket()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts))
                .ifNoneMatch(!overwrite && settings.conditionalWrites() ? "*" : null));
    }

    /**
     * Aborts the upload, trying a few times whatever {@code dumper.s3.attempts} says, with a pause
     * that doubles between tries: the failure that led here may have left a broken connection in
     * the client's pool for the first try, and the store may still be receiving the part whose
     * connection was cut (AWS advises that such a part may land after an abort). The abort is sent
     * only once the upload's parts can be listed: while S3Proxy's filesystem store still writes a
     * part, listing fails with 400, and an abort sent then is left half done (the upload stays
     * listed but answers every later abort with NoSuchUpload). The upload counts as aborted only
     * when the listing says it is gone.
     */
    private boolean abortQuietly(String uploadId) {
        long pauseMillis = FIRST_ABORT_PAUSE_MILLIS;
        for (int attempt = 1; attempt <= ABORT_ATTEMPTS; attempt++) {
            try {
                if (gone(uploadId)) {
                    return true;
                }
                s3.abortMultipartUpload(b -> b.bucket(address.bucket()).key(key).uploadId(uploadId));
                if (gone(uploadId)) {
                    return true;
                }
            } catch (NoSuchUploadException e) {
                // Gone, or a store that says so of an upload it still lists: the next listing decides.
            } catch (SdkException e) {
                LOG.debugf("aborting the upload of %s failed (attempt %d): %s", address.uri(name), attempt, e.getMessage());
            }
            if (attempt == ABORT_ATTEMPTS) {
                break;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pauseMillis *= 2;
        }
        // The store is unreachable, or still busy with the cut part: the state stays, and the next run
        // resumes or aborts the upload.
        return false;
    }

    /**
     * True when the store no longer knows the upload {@code uploadId}: listing its parts says so
     * (S3), or lists none and the uploads in progress no longer include it (S3Proxy's filesystem
     * store lists no parts, rather than NoSuchUpload, for an upload it has forgotten). Any other
     * failure of the listing is thrown: the store is not ready to be asked to abort.
     */
    private boolean gone(String uploadId) {
        try {
            if (!s3.listParts(b -> b.bucket(address.bucket()).key(key).uploadId(uploadId)).parts().isEmpty()) {
                return false;
            }
        } catch (NoSuchUploadException e) {
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return true;
            }
            throw e;
        }
        return s3.listMultipartUploadsPaginator(b -> b.bucket(address.bucket()).prefix(key)).uploads().stream()
                .noneMatch(upload -> upload.uploadId().equals(uploadId));
    }

    /** {@code length} bytes of {@code file} from {@code offset}: one part, read from disk each time it is sent. */
    private static InputStream slice(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new FilterInputStream(in) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    left -= b < 0 ? 0 : 1;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(buffer, off, (int) Math.min(len, left));
                    left -= Math.max(n, 0);
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
