package dev.lifeboat.adapter.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Records every HTTP request a client sends (each attempt, retries included): its operation, key and headers. It can
 * also remove headers before the request is signed and sent, so that a test can see what lifeboat asks for (object
 * lock) from a server that would refuse it.
 */
final class RecordingInterceptor implements ExecutionInterceptor {

    /** One request as sent. */
    record Sent(String operation, String method, String path, Map<String, List<String>> headers) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }

        boolean pathEndsWith(String suffix) {
            return path.endsWith(suffix);
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
        synchronized (sent) {
            sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    request.method().name(), request.encodedPath(), request.headers()));
        }
        SdkHttpRequest.Builder modified = request.toBuilder();
        request.headers().keySet().stream()
                .filter(name -> removedHeaders.test(name.toLowerCase(java.util.Locale.ROOT)))
                .forEach(modified::removeHeader);
        return modified.build();
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
