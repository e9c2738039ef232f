package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.error.UnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the SDK's failures into the one line a user is shown (exit 3): what was being done, the bucket and endpoint,
 * and the reason in words. Built from the error code and status only, never from request details, so no credential
 * can end up in it.
 */
final class S3Failures {

    private S3Failures() {
    }

    /**
     * @param doing what failed, such as "cannot list repository s3://b/p"
     */
    static UnavailableException unavailable(S3Bucket bucket, String doing, SdkException e) {
        return new UnavailableException(doing + " in " + bucket.describe() + ": " + reason(e), e);
    }

    /** The S3 error code of a failure, such as {@code NoSuchKey}, or empty text when the service gave none. */
    static String errorCode(SdkException e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null) {
            return s3.awsErrorDetails().errorCode();
        }
        return "";
    }

    /** The HTTP status of a failure the service answered, 0 when it answered nothing. */
    static int status(SdkException e) {
        return e instanceof S3Exception s3 ? s3.statusCode() : 0;
    }

    /**
     * The reason in words. A HEAD request's failure has no error code, only a status: a bare 404 comes from
     * {@link S3Bucket#requireExists()} asking after the bucket, so it means the bucket is missing.
     */
    static String reason(SdkException e) {
        if (e instanceof S3Exception) {
            String code = errorCode(e);
            int status = status(e);
            if (status == 404 && (code.isEmpty() || code.equals("NoSuchBucket"))) {
                code = "NoSuchBucket";
            }
            return switch (code) {
                case "NoSuchBucket" -> "the bucket does not exist; lifeboat never creates a bucket: create it (with "
                        + "the region, versioning and object lock you want) and try again";
                case "InvalidAccessKeyId" -> "the access key id is not known to the service: check the credentials";
                case "SignatureDoesNotMatch" -> "the secret access key does not match the access key id: check the "
                        + "credentials";
                case "ExpiredToken", "InvalidToken" -> "the session token has expired or is invalid: renew the "
                        + "credentials";
                case "" -> status == 403 ? "access denied (403): the credentials were refused or lack a permission "
                        + "on this bucket" : genericStatus(status, code);
                case "AccessDenied" -> "access denied (403): the credentials lack a permission on this bucket";
                case "SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded" -> "the service kept "
                        + "throttling requests (" + code + ") after " + S3Clients.MAX_ATTEMPTS + " attempts: try "
                        + "again later";
                default -> genericStatus(status, code);
            };
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "the host name does not resolve (" + cause.getMessage() + "): check the endpoint and the "
                        + "network";
            }
            if (cause instanceof ConnectException) {
                return "connection refused: is the service running at that address?";
            }
            if (cause instanceof SocketTimeoutException) {
                return "the service did not answer in time (" + cause.getMessage() + ")";
            }
        }
        if (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
            return "no credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE), "
                    + "or run where a container or instance role is available";
        }
        if (e instanceof SdkClientException && e.getMessage() != null) {
            return firstLine(e.getMessage());
        }
        return e.getClass().getSimpleName();
    }

    private static String genericStatus(int status, String code) {
        return status >= 500
                ? "the service failed with HTTP " + status + describeCode(code) + " after " + S3Clients.MAX_ATTEMPTS
                        + " attempts: try again later"
                : "the service refused the request with HTTP " + status + describeCode(code);
    }

    private static String describeCode(String code) {
        return code.isEmpty() ? "" : " (" + code + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.toLowerCase(Locale.ROOT).startsWith("unable to execute http request: ")
                ? line.substring("unable to execute http request: ".length()) : line;
    }
}
