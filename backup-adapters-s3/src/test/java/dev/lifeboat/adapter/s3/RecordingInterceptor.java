package dev.lifeboat.adapter.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records every HTTP request a client sends (each attempt, retries included) as it goes out: its operation, path and
 * headers. It can also take headers off before the request is signed and sent, recording them all the same, so that a
 * test sees what lifeboat asks for (object lock) from a server that would refuse it.
 */
final class RecordingInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<Map<String, List<String>>> REMOVED =
            new ExecutionAttribute<>("lifeboat.test.removed-headers");

    /**
     * One request as sent.
     *
     * @param path    the path, with the bucket (path-style) and key
     * @param headers the headers sent, and those taken off
     */
    record Sent(String operation, String method, String path, Map<String, List<String>> headers) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Predicate<String> removedHeaders;

    RecordingInterceptor() {
        this(header -> false);
    }

    /** @param removedHeaders the headers (lower-case names) recorded but not sent */
    RecordingInterceptor(Predicate<String> removedHeaders) {
        this.removedHeaders = removedHeaders;
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        Map<String, List<String>> removed = new HashMap<>();
        SdkHttpRequest.Builder modified = request.toBuilder();
        request.headers().forEach((name, values) -> {
            if (removedHeaders.test(name.toLowerCase(Locale.ROOT))) {
                removed.put(name, values);
                modified.removeHeader(name);
            }
        });
        attributes.putAttribute(REMOVED, removed);
        return modified.build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        Map<String, List<String>> headers = new HashMap<>(request.headers());
        Optional.ofNullable(attributes.getAttribute(REMOVED)).ifPresent(headers::putAll);
        synchronized (sent) {
            sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    request.method().name(), request.encodedPath(), Map.copyOf(headers)));
        }
    }

    /** Everything sent so far, in order. */
    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<Sent> sent(String operation) {
        return sent().stream().filter(request -> request.operation().equals(operation)).toList();
    }

    void clear() {
        synchronized (sent) {
            sent.clear();
        }
    }
}
