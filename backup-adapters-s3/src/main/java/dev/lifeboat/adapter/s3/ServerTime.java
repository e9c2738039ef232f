package dev.lifeboat.adapter.s3;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The service's clock, as its answers tell it: what lock leases and the age of incomplete uploads are judged by, so
 * that hosts whose clocks disagree still agree on them.
 */
final class ServerTime {

    private ServerTime() {
    }

    /**
     * The time in the Date header every HTTP server with a clock sends (whole seconds); this host's clock only for a
     * service that sends none, where leases and ages then depend on the hosts' clocks agreeing.
     */
    static Instant of(SdkHttpResponse response) {
        Optional<String> date = response.firstMatchingHeader("Date");
        if (date.isPresent()) {
            try {
                return ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                // a malformed Date: as if there were none
            }
        }
        return Instant.now();
    }
}
