package dev.lifeboat.cli.notify;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;

/**
 * Tells a healthchecks.io-style check how a run goes: {@code URL/start} when it starts, {@code URL} when it succeeds,
 * {@code URL/fail} when it fails, each a POST with the run's JSON document (the start's empty). The service then
 * alerts on a failure, on a run that started and never finished, and on a run that never came. A ping that cannot
 * be sent is said on stderr and changes nothing else.
 */
public final class Pings {

    private final Optional<URI> url;
    private final PrintWriter err;

    public Pings(Optional<URI> url, PrintWriter err) {
        this.url = url;
        this.err = err;
    }

    public void start() {
        url.ifPresent(base -> send(withSuffix(base, "/start"), "{}"));
    }

    public void finish(boolean succeeded, String jsonDocument) {
        url.ifPresent(base -> send(withSuffix(base, succeeded ? "" : "/fail"), jsonDocument));
    }

    /** The URL with a suffix on its path, before any query: {@code https://hc-ping.com/UUID/fail?rid=1}. */
    static URI withSuffix(URI base, String suffix) {
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        String query = base.getRawQuery() == null ? "" : "?" + base.getRawQuery();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + suffix + query);
    }

    private void send(URI target, String document) {
        Notifier.standard().send(target, document).ifPresent(problem -> {
            err.println("lifeboat: ping: " + problem);
            err.flush();
        });
    }
}
