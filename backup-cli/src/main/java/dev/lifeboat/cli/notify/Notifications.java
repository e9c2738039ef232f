package dev.lifeboat.cli.notify;

import dev.lifeboat.cli.output.JsonText;
import dev.lifeboat.domain.config.Notification;
import dev.lifeboat.domain.config.NotifyOn;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;

/** Sends a run's result where the settings say, when they say: failures always, successes with --notify-on always. */
public final class Notifications {

    private final PrintWriter err;

    public Notifications(PrintWriter err) {
        this.err = err;
    }

    public void send(Optional<Notification> notification, Map<String, Object> document, boolean failed) {
        notification.filter(where -> failed || where.on() == NotifyOn.ALWAYS).ifPresent(where ->
                Notifier.standard().send(where.url(), JsonText.of(document)).ifPresent(problem -> {
                    err.println("lifeboat: " + problem);
                    err.flush();
                }));
    }
}
