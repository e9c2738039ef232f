package dev.lifeboat.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, driven through the DevTools protocol over the JDK's own WebSocket client: it loads a
 * page and reports what a reader's browser would do with it, the console errors it logged, every request it made,
 * and the values of expressions evaluated in it. No driver, no download: the browser must be installed
 * ({@code .ci/run} installs it), and a missing one fails the test.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<JsonNode>> waiters = new CopyOnWriteArrayList<>();
    private final List<String> waitedFor = new CopyOnWriteArrayList<>();
    private String sessionId;

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts the browser with a fresh profile, no background traffic, and the DevTools port the system picks. */
    static HeadlessChromium start() throws Exception {
        assertThat(EXECUTABLE).as("Debian's chromium (apt-get install chromium; .ci/run installs it)").isExecutable();
        Path profile = Files.createTempDirectory("lifeboat-chromium-");
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-default-apps", "--disable-extensions", "--mute-audio",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not open its DevTools port (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + ")");
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        URI browser = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(browser, new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            String text = message.toString();
                            message.setLength(0);
                            self[0].received(text);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(process, profile, socket);
        return self[0].attach();
    }

    /** A tab of its own, whose events this client receives. */
    private HeadlessChromium attach() {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        sessionId = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
            call(sessionId, domain + ".enable", Map.of());
        }
        return this;
    }

    /** Loads a page and waits for its load event. */
    void load(URI url) {
        CompletableFuture<JsonNode> loaded = next("Page.loadEventFired");
        JsonNode navigation = call(sessionId, "Page.navigate", Map.of("url", url.toString()));
        assertThat(navigation.has("errorText")).as("navigation to " + url + ": " + navigation).isFalse();
        try {
            loaded.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the page did not finish loading: " + url, e);
        }
    }

    /** The value of an expression evaluated in the page, as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call(sessionId, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        assertThat(result.has("exceptionDetails")).as(expression + ": " + result).isFalse();
        return result.get("result").get("value");
    }

    /** The URLs of every request the page made, its own included. */
    List<String> requests() {
        return eventsNamed("Network.requestWillBeSent").stream()
                .map(event -> event.get("params").get("request").get("url").asText()).toList();
    }

    /** Console errors, uncaught exceptions, and browser log entries of level error (a CSP violation among them). */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        eventsNamed("Runtime.consoleAPICalled").stream()
                .filter(event -> event.get("params").get("type").asText().matches("error|assert"))
                .forEach(event -> errors.add("console: " + event.get("params").get("args")));
        eventsNamed("Runtime.exceptionThrown").forEach(event -> errors.add("exception: " + event.get("params")));
        eventsNamed("Log.entryAdded").stream()
                .filter(event -> event.get("params").get("entry").get("level").asText().equals("error"))
                .forEach(event -> errors.add("log: " + event.get("params").get("entry").get("text").asText()));
        return errors;
    }

    private List<JsonNode> eventsNamed(String method) {
        return events.stream().filter(event -> event.get("method").asText().equals(method)).toList();
    }

    private CompletableFuture<JsonNode> next(String method) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        waiters.add(future);
        waitedFor.add(method);
        return future;
    }

    private JsonNode call(String session, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(message.toString(), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reply.has("error")).as(method + " failed: " + reply).isFalse();
            return reply.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError("no answer to " + method + " from chromium", e);
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        events.add(message);
        for (int i = 0; i < waiters.size(); i++) {
            if (waitedFor.get(i).equals(message.get("method").asText())) {
                waiters.get(i).complete(message);
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } finally {
            // Chromium's helper processes (network service, renderer) write into the profile too: all of them end
            // before it is deleted
            List<ProcessHandle> helpers = process.descendants().toList();
            process.destroy();
            helpers.forEach(ProcessHandle::destroy);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle helper : helpers) {
                try {
                    helper.onExit().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    helper.destroyForcibly();
                }
            }
            deleteProfile();
            Files.deleteIfExists(profile.resolveSibling(profile.getFileName() + ".log"));
        }
    }

    // a file that vanishes during the walk (a helper's last temporary file) is no reason to keep the rest
    private void deleteProfile() throws IOException, InterruptedException {
        for (int attempt = 1; Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                return;
            } catch (NoSuchFileException | UncheckedIOException e) {
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
