package dev.lifeboat.adapter.s3;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

/**
 * Makes s3proxy answer when each incomplete upload started, as S3 does. s3proxy 4.0.0 answers every upload's
 * {@code Initiated} in ListMultipartUploads with the time of the listing ("TODO: bogus value" in its handler), so an
 * upload never looks older than the run that lists it, and a leftover sweep that judges uploads by when they started
 * (see {@code S3Leftovers}) could not be tested through the real jar, whose requests no client interceptor of the test
 * sees. This filter, in front of s3proxy's servlet, notes when the server answered each CreateMultipartUpload and
 * puts that time into the listings' {@code Initiated}.
 */
final class UploadStartTimes implements Filter {

    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]*)</UploadId>");
    private static final Pattern UPLOAD = Pattern.compile("<Upload>.*?</Upload>", Pattern.DOTALL);
    private static final Pattern INITIATED = Pattern.compile("<Initiated>[^<]*</Initiated>");
    /** The form s3proxy and S3 write: milliseconds, UTC. */
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Map<String, Instant> started = new ConcurrentHashMap<>();

    private UploadStartTimes() {
    }

    /** Puts the filter in front of the server, which must not have been started yet. */
    static void install(S3Proxy proxy) {
        try {
            // s3proxy has no accessor for its Jetty server; the field is there in 4.0.0 (a newer version fails here)
            Field field = S3Proxy.class.getDeclaredField("server");
            field.setAccessible(true);
            Server server = (Server) field.get(proxy);
            ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
            if (context == null) {
                throw new IllegalStateException("s3proxy's server has no servlet context to filter");
            }
            context.addFilter(new FilterHolder(new UploadStartTimes()), "/*", EnumSet.of(DispatcherType.REQUEST));
        } catch (ReflectiveOperationException | ClassCastException | IllegalStateException e) {
            throw new IllegalStateException("cannot put the upload start times in front of s3proxy: its internals "
                    + "changed", e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if (!hasUploadsParameter(http.getQueryString())) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        BufferedResponse buffered = new BufferedResponse(httpResponse);
        chain.doFilter(request, buffered);
        byte[] body = buffered.body();
        if (buffered.getStatus() == HttpServletResponse.SC_OK) {
            if (http.getMethod().equals("POST")) {
                noteStarted(body);
            } else if (http.getMethod().equals("GET")) {
                body = withStartTimes(body);
            }
        }
        if (body.length > 0) {
            httpResponse.setContentLength(body.length);
            httpResponse.getOutputStream().write(body);
        }
    }

    /** CreateMultipartUpload ({@code POST ?uploads}) and ListMultipartUploads ({@code GET ?uploads}). */
    private static boolean hasUploadsParameter(String query) {
        return query != null && Arrays.stream(query.split("&")).anyMatch(parameter ->
                parameter.equals("uploads") || parameter.startsWith("uploads="));
    }

    private void noteStarted(byte[] body) {
        Matcher id = UPLOAD_ID.matcher(new String(body, StandardCharsets.UTF_8));
        if (id.find()) {
            started.put(id.group(1), Instant.now());
        }
    }

    private byte[] withStartTimes(byte[] body) {
        Matcher uploads = UPLOAD.matcher(new String(body, StandardCharsets.UTF_8));
        StringBuilder rewritten = new StringBuilder();
        while (uploads.find()) {
            String upload = uploads.group();
            Matcher id = UPLOAD_ID.matcher(upload);
            if (id.find() && started.containsKey(id.group(1))) {
                upload = INITIATED.matcher(upload).replaceFirst("<Initiated>"
                        + ISO_MILLIS.format(started.get(id.group(1))) + "</Initiated>");
            }
            uploads.appendReplacement(rewritten, Matcher.quoteReplacement(upload));
        }
        uploads.appendTail(rewritten);
        return rewritten.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A response whose body is kept until the filter has looked at it; the filter sets its length. */
    private static final class BufferedResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final ServletOutputStream output = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("the buffered response is written synchronously");
            }

            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }
        };
        private PrintWriter writer;

        BufferedResponse(HttpServletResponse response) {
            super(response);
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return output;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void setContentLength(int length) {
            // set from the body the filter writes
        }

        @Override
        public void setContentLengthLong(long length) {
            // set from the body the filter writes
        }

        @Override
        public void flushBuffer() {
            // nothing is sent before the filter has the whole body
        }
    }
}
