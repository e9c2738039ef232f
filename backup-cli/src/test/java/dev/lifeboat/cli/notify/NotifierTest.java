package dev.lifeboat.cli.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lifeboat.cli.output.VersionProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a real HTTP server on the loopback interface: what arrives, how often, and what the user is told. */
class NotifierTest {

    private static final String SECRET_PATH = "/ping/0f1e2d3c-secret-uuid";
    private static final String SECRET_QUERY = "token=hunter2";
    /** Not ASCII, so a wrong charset shows. */
    private static final String DOCUMENT = "{\"ok\": true, \"command\": \"backup\", \"label\": \"café\"}";
    /** Generous: long enough for any machine, short enough to prove that the call ends. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(30);

    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The status of each next answer; when empty, 200. */
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch releaseStalledHandlers = new CountDownLatch(1);
    private volatile boolean stall;
    private volatile Runnable onRequest = () -> { };
    private ExecutorService handlers;
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // one thread per request, so a handler that stalls does not hold back the next attempt
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        releaseStalledHandlers.countDown();
        server.stop(0);
        handlers.shutdownNow();
        handlers.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void posts_the_document_as_json_to_the_url() {
        Optional<String> problem = notifier(3).send(url(SECRET_PATH + "?" + SECRET_QUERY), DOCUMENT);

        assertThat(problem).isEmpty();
        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(SECRET_PATH);
        assertThat(request.query()).isEqualTo(SECRET_QUERY);
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.userAgent()).isEqualTo("lifeboat/test");
        assertThat(request.body()).isEqualTo(DOCUMENT);
    }

    @Test
    void the_standard_notifier_names_this_lifeboat_version() {
        Optional<String> problem = Notifier.standard().send(url("/ping"), DOCUMENT);

        assertThat(problem).isEmpty();
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.userAgent()).isEqualTo("lifeboat/" + VersionProvider.version());
            assertThat(request.body()).isEqualTo(DOCUMENT);
        });
    }

    @Test
    void the_standard_notifier_follows_an_endpoint_that_moved() {
        server.createContext("/old", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", "/new");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });

        Optional<String> problem = Notifier.standard().send(url("/old"), DOCUMENT);

        assertThat(problem).isEmpty();
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/new");
            assertThat(request.body()).isEqualTo(DOCUMENT);
        });
    }

    @Test
    void server_errors_are_retried_up_to_the_number_of_attempts_and_no_more() {
        answers.addAll(List.of(503, 503, 503, 503, 503));

        Optional<String> problem = notifier(3).send(url(SECRET_PATH + "?" + SECRET_QUERY), DOCUMENT);

        assertThat(received).hasSize(3);
        assertThat(problem).hasValueSatisfying(text -> {
            assertThat(text).isEqualTo("notification to " + origin() + "/… failed after 3 attempts: HTTP 503");
            assertHidesTheSecrets(text);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 429})
    void a_failure_that_passes_is_delivered_on_a_later_attempt(int firstAnswer) {
        answers.addAll(List.of(firstAnswer, firstAnswer));

        Optional<String> problem = notifier(3).send(url("/ping"), DOCUMENT);

        assertThat(problem).isEmpty();
        assertThat(received).hasSize(3).extracting(Received::body).containsOnly(DOCUMENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 410})
    void client_errors_are_not_retried(int status) {
        answers.add(status);

        Optional<String> problem = notifier(3).send(url(SECRET_PATH + "?" + SECRET_QUERY), DOCUMENT);

        assertThat(received).hasSize(1);
        assertThat(problem).hasValueSatisfying(text -> {
            assertThat(text).isEqualTo("notification to " + origin() + "/… failed: HTTP " + status);
            assertHidesTheSecrets(text);
        });
    }

    @Test
    void a_server_that_never_answers_is_reported_as_a_timeout() throws InterruptedException {
        stall = true;
        Notifier notifier = new Notifier(HttpClient.newHttpClient(), Duration.ofMillis(300), 2, Duration.ofMillis(10),
                "lifeboat/test");

        Optional<String> problem = assertTimeoutPreemptively(ENDS_WITHIN,
                () -> notifier.send(url(SECRET_PATH + "?" + SECRET_QUERY), DOCUMENT));

        assertThat(problem).hasValueSatisfying(text -> {
            assertThat(text).startsWith("notification to " + origin() + "/… failed after 2 attempts: "
                    + "no answer within");
            assertHidesTheSecrets(text);
        });
        // the client gave up on each request before the stalled server recorded it, perhaps
        awaitRequests(2);
        assertThat(received).hasSize(2);
    }

    @Test
    void a_refused_connection_is_reported_not_thrown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI nobodyListens = URI.create("http://127.0.0.1:" + closedPort + SECRET_PATH + "?" + SECRET_QUERY);

        Optional<String> problem = assertTimeoutPreemptively(ENDS_WITHIN,
                () -> notifier(2).send(nobodyListens, DOCUMENT));

        assertThat(problem).hasValueSatisfying(text -> {
            assertThat(text).startsWith("notification to http://127.0.0.1:" + closedPort
                    + "/… failed after 2 attempts: could not connect");
            assertHidesTheSecrets(text);
        });
    }

    @Test
    void a_password_in_the_url_is_never_shown() {
        answers.addAll(List.of(503, 503));
        URI withPassword = URI.create("http://alice:hunter2@127.0.0.1:" + server.getAddress().getPort() + "/ping");

        Optional<String> problem = notifier(2).send(withPassword, DOCUMENT);

        assertThat(problem).hasValueSatisfying(text -> assertThat(text).doesNotContain("alice", "hunter2"));
    }

    @Test
    void a_url_that_is_not_http_is_reported_without_its_secret() {
        Optional<String> problem = notifier(3).send(URI.create("ftp://example.com" + SECRET_PATH), DOCUMENT);

        assertThat(problem).hasValueSatisfying(text -> {
            assertThat(text).startsWith("notification to ftp://example.com/… was not sent");
            assertHidesTheSecrets(text);
        });
        assertThat(received).isEmpty();
    }

    @Test
    void an_interruption_stops_at_once_and_keeps_the_interrupt_flag() {
        answers.addAll(List.of(503, 503, 503));
        Notifier notifier = new Notifier(HttpClient.newHttpClient(), Duration.ofSeconds(5), 3, Duration.ofMinutes(10),
                "lifeboat/test");

        String[] outcome = assertTimeoutPreemptively(ENDS_WITHIN, () -> {
            Thread caller = Thread.currentThread();
            onRequest = caller::interrupt;
            Optional<String> problem = notifier.send(url("/ping"), DOCUMENT);
            boolean flagSet = Thread.interrupted();
            return new String[] {problem.orElse("delivered"), String.valueOf(flagSet)};
        });

        assertThat(outcome[0]).startsWith("notification to " + origin() + "/… interrupted");
        assertThat(outcome[1]).isEqualTo("true");
        assertThat(received).hasSize(1);
    }

    private Notifier notifier(int attempts) {
        return new Notifier(HttpClient.newHttpClient(), Duration.ofSeconds(5), attempts, Duration.ofMillis(10),
                "lifeboat/test");
    }

    private URI url(String pathAndQuery) {
        return URI.create(origin() + pathAndQuery);
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + ENDS_WITHIN.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void assertHidesTheSecrets(String problem) {
        assertThat(problem).doesNotContain("0f1e2d3c", "secret-uuid", "/ping", "hunter2", "token");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("User-Agent"), body));
        onRequest.run();
        if (stall) {
            try {
                releaseStalledHandlers.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        Integer status = answers.poll();
        exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        exchange.close();
    }

    private record Received(String method, String path, String query, String contentType, String userAgent,
                            String body) {
    }
}
