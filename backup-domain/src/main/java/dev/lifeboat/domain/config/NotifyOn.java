package dev.lifeboat.domain.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** When a run's result is sent to a notification URL. */
public enum NotifyOn {
    /** Only when the run failed: the alarm. */
    FAILURE,
    /** After every run: a heartbeat that also says "all is well". */
    ALWAYS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NotifyOn> byId(String id) {
        return Arrays.stream(values()).filter(value -> value.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
