package dumper.store;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import dumper.config.ByteSizes;
import dumper.config.ConfigProblem;
import dumper.config.DumperConfig;

/** {@code dumper.s3.*}, checked: the first wrong value is a {@link ConfigProblem} naming its key. */
record StoreSettings(Optional<URI> endpoint, Optional<String> region, boolean pathStyle, Optional<String> storageClass,
        Optional<String> serverSideEncryption, Optional<String> kmsKeyId, boolean checksumWhenSupported, long partSize,
        int partsInFlight, int attempts, boolean conditionalWrites, Optional<String> publicUrl, boolean presignDownloads,
        Duration presignFor, Duration connectTimeout, Duration readTimeout) {

    static StoreSettings of(DumperConfig.S3 c) {
        Optional<URI> endpoint = c.endpoint().map(String::trim).filter(v -> !v.isEmpty()).map(StoreSettings::endpoint);
        String checksum = c.checksum().trim().toLowerCase(Locale.ROOT);
        if (!checksum.equals("when-supported") && !checksum.equals("when-required")) {
            throw new ConfigProblem("dumper.s3.checksum=" + c.checksum() + " is not valid; use when-supported (AWS S3) or "
                    + "when-required (S3 look-alikes that refuse the newer checksum headers)");
        }
        long partSize = ByteSizes.partSize(c);
        Optional<String> sse = c.serverSideEncryption().map(String::trim).filter(v -> !v.isEmpty());
        if (sse.isPresent() && !sse.get().equals("AES256") && !sse.get().equals("aws:kms")) {
            throw new ConfigProblem("dumper.s3.server-side-encryption=" + sse.get() + " is not valid; use AES256 or aws:kms");
        }
        String download = c.download().trim().toLowerCase(Locale.ROOT);
        if (!download.equals("stream") && !download.equals("presign")) {
            throw new ConfigProblem("dumper.s3.download=" + c.download() + " is not valid; use stream or presign");
        }
        Optional<String> publicUrl = c.publicUrl().map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> v.endsWith("/") ? v : v + "/");
        return new StoreSettings(endpoint, c.region().map(String::trim).filter(v -> !v.isEmpty()), c.pathStyle(),
                c.storageClass().map(String::trim).filter(v -> !v.isEmpty()), sse, c.kmsKeyId(),
                checksum.equals("when-supported"), partSize, number("dumper.s3.parts-in-flight", c.partsInFlight(), 1, 64),
                number("dumper.s3.attempts", c.attempts(), 1, 100), c.conditionalWrites(), publicUrl,
                download.equals("presign"), c.presignFor(), c.connectTimeout(), c.readTimeout());
    }

    /** Where the store answers, for messages: the endpoint, else AWS S3. */
    String where() {
        return endpoint.map(URI::toString).orElse("AWS S3" + region.map(r -> " in " + r).orElse(""));
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("no http(s) host");
            }
            return uri;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigProblem("dumper.s3.endpoint=" + value + " is not a URL; use e.g. https://s3.example.org or "
                    + "http://minio:9000");
        }
    }

    private static int number(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new ConfigProblem(key + "=" + value + " is not valid; use a number from " + min + " to " + max);
    }
}
