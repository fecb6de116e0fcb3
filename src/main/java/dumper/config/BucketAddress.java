package dumper.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in an object store files are published: a bucket and a key prefix, written
 * {@code s3://bucket/prefix/}. An object's key is the prefix and the file name.
 */
public record BucketAddress(String bucket, String prefix) {

    /** S3's bucket naming rules (lower case, digits, dots, hyphens; 3 to 63). */
    private static final Pattern ADDRESS = Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/.*)?");

    /** The address in {@code value}; empty for {@code none}; a {@link ConfigProblem} naming {@code key} otherwise. */
    public static Optional<BucketAddress> parse(String key, String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("none") || v.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = ADDRESS.matcher(v);
        if (!m.matches()) {
            throw new ConfigProblem(key + "=" + value + " is not a bucket address; use s3://bucket/ or s3://bucket/prefix/ "
                    + "(bucket names are lower case), or none");
        }
        String prefix = m.group(2) == null ? "" : m.group(2).replaceAll("^/+", "");
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        return Optional.of(new BucketAddress(m.group(1), prefix));
    }

    public String key(String fileName) {
        return prefix + fileName;
    }

    /** {@code s3://bucket/key}, as report entries and messages name an object. */
    public String uri(String fileName) {
        return "s3://" + bucket + "/" + key(fileName);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
