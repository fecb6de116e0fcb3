package dumper.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import dumper.config.BucketAddress;
import dumper.core.DumperException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An object store's failure (after the SDK's retries) as one line saying what is wrong and what
 * to do, with the exit code of an output failure. Never a credential: only the store's error
 * code, status and the address are named.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    static DumperException of(SdkException e, String doing, BucketAddress address, StoreSettings settings) {
        String where = settings.where();
        String bucket = "s3://" + address.bucket() + "/";
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            int status = s3.statusCode();
            if ("NoSuchBucket".equals(code) || (status == 404 && doing.startsWith("check"))) {
                return DumperException.output("the bucket " + bucket + " does not exist at " + where + " (while " + doing
                        + "); create it, or fix dumper.publish-to and dumper.s3.endpoint", e);
            }
            if (status == 403 || "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                return DumperException.output("access denied to " + bucket + " at " + where + " (" + (code == null ? status : code)
                        + ", while " + doing + "); check the credentials the AWS chain finds (AWS_ACCESS_KEY_ID, "
                        + "AWS_PROFILE, the pod's role) and the IAM policy in docs/operations.md", e);
            }
            if (status == 301 || status == 307 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
                return DumperException.output("the bucket " + bucket + " is not at " + where + " (" + code
                        + "); set dumper.s3.region (or dumper.s3.endpoint) to where the bucket is", e);
            }
            if (settings.checksumWhenSupported() && code != null && (code.startsWith("XAmzContent") || code.contains("Checksum")
                    || code.equals("NotImplemented"))) {
                return DumperException.output("the object store at " + where + " refused " + doing + " (HTTP " + status + " "
                        + code + "): it does not take the newer AWS checksum headers; set dumper.s3.checksum=when-required", e);
            }
            return DumperException.output("the object store at " + where + " refused " + doing + " in " + bucket + " (HTTP "
                    + status + (code == null ? "" : " " + code) + "); check dumper.s3.endpoint and dumper.s3.path-style, "
                    + "then run the same command again: finished batches are kept", e);
        }
        if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            // The AWS chain found nothing: its own message lists every provider it tried, and the
            // endpoint is not what is wrong.
            return DumperException.output("no credentials for the object store at " + where + " (while " + doing + "); set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile file, or a web identity "
                    + "(IRSA), as the AWS SDK reads them (dumper has no setting for them), then run the same command again", e);
        }
        if (e instanceof SdkClientException && unreachable(e)) {
            return DumperException.output("cannot reach the object store at " + where + " (" + rootMessage(e) + ", while " + doing
                    + "); check dumper.s3.endpoint and the network, then run the same command again: finished batches "
                    + "and uploaded parts are kept", e);
        }
        if (e instanceof SdkClientException && e.getCause() instanceof java.io.IOException) {
            return DumperException.output("lost the connection to the object store at " + where + " while " + doing + " ("
                    + rootMessage(e) + ", after " + settings.attempts() + " attempt(s)); check the network, then run the same "
                    + "command again: finished batches are kept", e);
        }
        return DumperException.output("the object store at " + where + " failed while " + doing + " (" + DumperException.firstLine(e)
                + "); check dumper.s3.endpoint and the network, then run the same command again: finished batches and "
                + "uploaded parts are kept", e);
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + DumperException.firstLine(root));
    }

}
