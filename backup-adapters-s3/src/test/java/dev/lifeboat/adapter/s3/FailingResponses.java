package dev.lifeboat.adapter.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Turns the server's answers to some requests into a failure status after the server has acted on them and sent its
 * whole answer, as a proxy failing on the way back would look to the client.
 */
final class FailingResponses implements ExecutionInterceptor {

    private final Predicate<String> operations;
    private final int status;
    private final AtomicInteger remaining;
    private final AtomicInteger failed = new AtomicInteger();

    /**
     * @param operations which operations ({@code PutObject}) to fail
     * @param status     the status to answer instead
     * @param times      how many answers to fail before letting the rest through
     */
    FailingResponses(Predicate<String> operations, int status, int times) {
        this.operations = operations;
        this.status = status;
        this.remaining = new AtomicInteger(times);
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (operations.test(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && remaining.getAndDecrement() > 0) {
            failed.incrementAndGet();
            // the server's whole answer arrives, so it has done all it was asked; only then is the answer lost
            context.responseBody().ifPresent(FailingResponses::drain);
            return context.httpResponse().toBuilder().statusCode(status).build();
        }
        return context.httpResponse();
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many answers were turned into failures. */
    int failed() {
        return failed.get();
    }
}
