package dev.lifeboat.adapter.s3;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records the conditional headers of every request a client sends: {@code PUT If-None-Match=*}, and so on. */
final class HeaderRecorder implements ExecutionInterceptor {

    private final List<String> conditions = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        String method = context.httpRequest().method().name();
        methods.add(method);
        for (String header : List.of("If-None-Match", "If-Match")) {
            context.httpRequest().firstMatchingHeader(header)
                    .ifPresent(value -> conditions.add(method + " " + header + "=" + value));
        }
    }

    /** The conditions sent, one entry per header. */
    List<String> conditions() {
        return List.copyOf(conditions);
    }

    /** The HTTP methods of the requests sent, in order. */
    List<String> methods() {
        return List.copyOf(methods);
    }
}
