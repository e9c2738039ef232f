package dev.lifeboat.cli.notify;

import dev.lifeboat.cli.output.Units;
import dev.lifeboat.cli.output.VersionProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Posts a run's JSON document to a URL (a healthcheck, an alerting or push endpoint, a webhook of one's own) so
 * that someone hears of a backup nobody watched. A notification that cannot be delivered is a problem to mention,
 * never a reason to fail or hide the run it reports on, so {@link #send} returns a one-line problem instead of
 * throwing.
 */
public final class Notifier {

    private static final Duration STANDARD_TIMEOUT = Duration.ofSeconds(10);
    private static final int STANDARD_ATTEMPTS = 3;
    private static final Duration STANDARD_FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final int TOO_MANY_REQUESTS = 429;

    private final HttpClient client;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstBackoff;
    private final String userAgent;

    /**
     * @param client       sends the requests (its connect timeout bounds the connection)
     * @param timeout      how long one attempt waits for the response's status line and headers
     * @param attempts     how many attempts in all, at least 1
     * @param firstBackoff the pause after the first failed attempt; it doubles after each further one
     * @param userAgent    the User-Agent header, so the receiver can tell lifeboat's requests apart
     */
    Notifier(HttpClient client, Duration timeout, int attempts, Duration firstBackoff, String userAgent) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must not be negative: " + firstBackoff);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        this.attempts = attempts;
    }

    /** 3 attempts of at most 10 s each, 1 s then 2 s apart: a dead endpoint delays the end of a run by about 33 s. */
    static Notifier standard() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(STANDARD_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new Notifier(client, STANDARD_TIMEOUT, STANDARD_ATTEMPTS, STANDARD_FIRST_BACKOFF,
                "lifeboat/" + VersionProvider.version());
    }

    /**
     * Sends the document; returns a one-line problem for stderr when it could not be delivered. Never throws.
     * A 2xx answer is delivery. 5xx, 429, connection failures and timeouts are tried again, up to the number of
     * attempts; any other answer (4xx, an unfollowed redirect) would be the same next time and is not. An
     * interruption stops at once, with the thread's interrupt flag set again. Null arguments are programming errors.
     */
    Optional<String> send(URI url, String jsonDocument) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(jsonDocument, "jsonDocument");
        String where = "notification to " + origin(url);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", userAgent)
                    .POST(HttpRequest.BodyPublishers.ofString(jsonDocument, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return Optional.of(where + " was not sent: the URL must be an http:// or https:// address with a host");
        }
        Duration backoff = firstBackoff;
        String lastFailure = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException e) {
                    return interrupted(where, attempt - 1);
                }
                backoff = backoff.multipliedBy(2);
            }
            Outcome outcome;
            try {
                outcome = attempt(request);
            } catch (InterruptedException e) {
                return interrupted(where, attempt);
            }
            if (outcome.delivered()) {
                return Optional.empty();
            }
            lastFailure = scrub(outcome.failure(), url);
            if (!outcome.worthRetrying()) {
                return Optional.of(where + " failed" + after(attempt) + ": " + lastFailure);
            }
        }
        return Optional.of(where + " failed" + after(attempts) + ": " + lastFailure);
    }

    private Outcome attempt(HttpRequest request) throws InterruptedException {
        try {
            // the stream returns once the headers are in, so the request timeout bounds the whole attempt even
            // when a server stalls in the body; closing it unread drops a body nobody needs
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            int status = response.statusCode();
            boolean delivered = status >= 200 && status < 300;
            return new Outcome(delivered, status >= 500 || status == TOO_MANY_REQUESTS, "HTTP " + status);
        } catch (HttpConnectTimeoutException e) {
            return new Outcome(false, true, "could not connect in time");
        } catch (HttpTimeoutException e) {
            return new Outcome(false, true, "no answer within " + Units.duration(timeout));
        } catch (ConnectException e) {
            // DNS trouble and a stopped service both pass in time, so both are tried again
            return new Outcome(false, true, "could not connect" + (unknownHost(e) ? " (unknown host)" : detail(e)));
        } catch (IOException e) {
            // a reset connection or a proxy hiccup may well pass; a retry costs seconds, a lost alert more
            return new Outcome(false, true, e.getClass().getSimpleName() + detail(e));
        }
    }

    private static Optional<String> interrupted(String where, int attemptsMade) {
        Thread.currentThread().interrupt();
        return Optional.of(where + " interrupted" + after(attemptsMade));
    }

    private static String after(int attemptsMade) {
        return attemptsMade > 1 ? " after " + attemptsMade + " attempts" : "";
    }

    private static boolean unknownHost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** The first message in the chain: the JDK's client often wraps the telling exception in a silent one. */
    private static String detail(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return " (" + cause.getMessage() + ")";
            }
        }
        return "";
    }

    /**
     * Scheme, host and port only: healthcheck and webhook URLs carry their secret in the path or the query (and a
     * password in the user part), and the problem text ends up in logs and mails.
     */
    public static String origin(URI url) {
        if (url.getScheme() == null || url.getHost() == null) {
            return "(a URL without scheme or host)";
        }
        String port = url.getPort() >= 0 ? ":" + url.getPort() : "";
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + port + "/…";
    }

    /** Library messages seldom name the URL, but one that does must not leak its secret parts either. */
    private static String scrub(String text, URI url) {
        String scrubbed = text;
        for (String secret : new String[] {url.toString(), url.getRawUserInfo(), url.getRawQuery(), url.getRawPath(),
                url.getRawFragment()}) {
            if (secret != null && secret.length() > 1) {
                scrubbed = scrubbed.replace(secret, "…");
            }
        }
        return scrubbed;
    }

    /** What one attempt came to: delivered, or a failure that may or may not pass on its own. */
    private record Outcome(boolean delivered, boolean worthRetrying, String failure) {
    }
}
