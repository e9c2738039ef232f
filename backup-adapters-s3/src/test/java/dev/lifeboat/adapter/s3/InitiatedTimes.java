package dev.lifeboat.adapter.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;

/**
 * Gives incomplete uploads the start times a test chooses, such as a day ago: it puts the times the test set into
 * ListMultipartUploads answers, for the upload ids it names, and leaves others as the server answered them (when they
 * started, see {@link UploadStartTimes}).
 */
final class InitiatedTimes implements ExecutionInterceptor {

    private static final Pattern UPLOAD = Pattern.compile("<Upload>.*?</Upload>", Pattern.DOTALL);
    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]*)</UploadId>");
    private static final Pattern INITIATED = Pattern.compile("<Initiated>[^<]*</Initiated>");

    private final Map<String, Instant> initiated = new ConcurrentHashMap<>();

    /** Makes the upload look started at that time. */
    void set(String uploadId, Instant time) {
        initiated.put(uploadId, time.truncatedTo(ChronoUnit.MILLIS));
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes executionAttributes) {
        if (!(context.request() instanceof ListMultipartUploadsRequest) || context.responseBody().isEmpty()) {
            return context.responseBody();
        }
        String xml;
        try (InputStream body = context.responseBody().get()) {
            xml = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher uploads = UPLOAD.matcher(xml);
        StringBuilder rewritten = new StringBuilder();
        while (uploads.find()) {
            String upload = uploads.group();
            Matcher id = UPLOAD_ID.matcher(upload);
            if (id.find() && initiated.containsKey(id.group(1))) {
                upload = INITIATED.matcher(upload)
                        .replaceFirst("<Initiated>" + initiated.get(id.group(1)) + "</Initiated>");
            }
            uploads.appendReplacement(rewritten, Matcher.quoteReplacement(upload));
        }
        uploads.appendTail(rewritten);
        return Optional.of(new ByteArrayInputStream(rewritten.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
