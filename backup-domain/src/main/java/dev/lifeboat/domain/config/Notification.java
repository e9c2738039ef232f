package dev.lifeboat.domain.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where and when to send a run's result.
 *
 * @param url the HTTP(S) URL the JSON result is POSTed to
 * @param on  when
 */
public record Notification(URI url, NotifyOn on) {

    public Notification {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(on, "on");
    }
}
