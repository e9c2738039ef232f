package dev.lifeboat.adapter.config;

import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.config.NotifyOn;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a {@code notify} table: where and when each run's result is sent. */
final class NotificationReader {

    static final List<String> KEYS = List.of("url", "on");

    private static final String URL_EXAMPLE = "an http:// or https:// URL, such as \"https://hc-ping.com/UUID\"";

    private final TomlDocument document;
    private final Problems problems;
    private final ValueReader values;

    NotificationReader(TomlDocument document, Problems problems, ValueReader values) {
        this.document = document;
        this.problems = problems;
        this.values = values;
    }

    Optional<Configured<Notification>> read(TomlEntry notify) {
        if (!values.isTable(notify, "{ url = \"https://hc-ping.com/UUID\", on = \"failure\" }")) {
            return Optional.empty();
        }
        Optional<URI> url = Optional.empty();
        Optional<NotifyOn> on = Optional.of(NotifyOn.FAILURE);
        boolean urlWritten = false;
        for (TomlEntry entry : document.entries(notify)) {
            switch (entry.name()) {
                case "url" -> {
                    urlWritten = true;
                    url = values.nonBlankString(entry, URL_EXAMPLE).flatMap(text -> url(entry, text));
                }
                case "on" -> on = values.string(entry, "failure or always, in quotes").flatMap(text -> on(entry, text));
                default -> values.unknownKey(entry, "notify", KEYS);
            }
        }
        if (!urlWritten) {
            problems.add(notify.origin(), "url is missing: say where each run's result is sent, as " + URL_EXAMPLE);
        }
        if (url.isEmpty() || on.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Configured<>(new Notification(url.get(), on.get()), notify.origin()));
    }

    // the URL is never repeated: a ping URL's path is often the only secret that guards it
    private Optional<URI> url(TomlEntry entry, String text) {
        URI url;
        try {
            url = new URI(text.trim());
        } catch (URISyntaxException e) {
            problems.add(entry.origin(), "is not a valid URL (" + e.getReason() + "): use " + URL_EXAMPLE);
            return Optional.empty();
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            problems.add(entry.origin(), (scheme.isEmpty() ? "has no scheme" : "has the scheme '" + scheme
                    + "', which lifeboat cannot send to") + ": use " + URL_EXAMPLE);
            return Optional.empty();
        }
        if (url.getHost() == null) {
            problems.add(entry.origin(), "names no host: use " + URL_EXAMPLE);
            return Optional.empty();
        }
        return Optional.of(url);
    }

    private Optional<NotifyOn> on(TomlEntry entry, String text) {
        Optional<NotifyOn> on = NotifyOn.byId(text);
        if (on.isEmpty()) {
            problems.add(entry.origin(), "unknown value '" + text + "': use "
                    + ValueReader.listed(Arrays.stream(NotifyOn.values()).map(NotifyOn::id).toList()));
        }
        return on;
    }
}
