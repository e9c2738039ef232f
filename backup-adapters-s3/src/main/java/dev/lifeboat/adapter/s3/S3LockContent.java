package dev.lifeboat.adapter.s3;

import dev.lifeboat.domain.model.LockHolder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the lock object {@code PREFIX/.lifeboat.lock} says about its holder, as JSON a person can read:
 * <pre>
 * {
 *   "format": "lifeboat-lock 1",
 *   "hostId": "1a2b3c4d",
 *   "host": "db1",
 *   "pid": 4242,
 *   "started": "2026-12-05T01:02:03Z",
 *   "command": "backup of sqlite:/srv/app.db",
 *   "leaseSeconds": 300,
 *   "leaseExpires": "2026-12-05T01:07:03.123Z",
 *   "renewal": 0
 * }
 * </pre>
 * {@code leaseExpires} is the holder's own clock plus the lease, for people only: other hosts judge expiry by the
 * object's Last-Modified and the server's Date, both the server's clock, plus {@code leaseSeconds}, so skewed clocks
 * agree. {@code renewal} counts the holder's writes: every write differs, so its ETag does too, and a takeover
 * conditional on the ETag seen can never overwrite a renewal it did not see.
 *
 * @param hostId       the holder's host id ({@link S3LockOwner#hostId()})
 * @param host         the holder's host name
 * @param pid          the holder's process id
 * @param startedAt    when it took the lock (its clock, whole seconds)
 * @param command      what it is doing
 * @param lease        how long after its last write the lock stays valid, in whole seconds
 * @param leaseExpires the holder's own estimate of when its lease ends, for people
 * @param renewal      how many times it renewed the lock
 */
record S3LockContent(String hostId, String host, long pid, Instant startedAt, String command, Duration lease,
                     Instant leaseExpires, long renewal) {

    /** Bigger than anything we write; a bigger lock object is not ours and is not read further. */
    static final int MAX_BYTES = 16 * 1024;
    static final String FORMAT = "lifeboat-lock 1";

    S3LockContent {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(leaseExpires, "leaseExpires");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
    }

    /** The content of a lock just taken. The lease is rounded up to whole seconds, as the server's clock counts. */
    static S3LockContent taken(S3LockOwner owner, String command, Duration lease, Instant now) {
        Duration seconds = Duration.ofSeconds(lease.getSeconds() + (lease.getNano() > 0 ? 1 : 0));
        return new S3LockContent(owner.hostId(), owner.hostName(), owner.pid(), now.truncatedTo(ChronoUnit.SECONDS),
                command, seconds, now.plus(seconds).truncatedTo(ChronoUnit.MILLIS), 0);
    }

    /** The content of the next renewal. */
    S3LockContent renewed(Instant now) {
        return new S3LockContent(hostId, host, pid, startedAt, command, lease,
                now.plus(lease).truncatedTo(ChronoUnit.MILLIS), renewal + 1);
    }

    LockHolder holder() {
        return new LockHolder(pid, host, startedAt, command);
    }

    byte[] encode() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT);
        fields.put("hostId", hostId);
        fields.put("host", host);
        fields.put("pid", pid);
        fields.put("started", startedAt.toString());
        fields.put("command", command);
        fields.put("leaseSeconds", lease.getSeconds());
        fields.put("leaseExpires", leaseExpires.toString());
        fields.put("renewal", renewal);
        return FlatJson.write(fields).getBytes(StandardCharsets.UTF_8);
    }

    /** What a lock object says, empty when it is not in the format {@link #encode} writes. */
    static Optional<S3LockContent> decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        Optional<Map<String, String>> read = FlatJson.read(new String(bytes, StandardCharsets.UTF_8));
        if (read.isEmpty() || !FORMAT.equals(read.get().get("format"))) {
            return Optional.empty();
        }
        Map<String, String> fields = read.get();
        try {
            long leaseSeconds = Long.parseLong(required(fields, "leaseSeconds"));
            if (leaseSeconds < 1) {
                return Optional.empty();
            }
            return Optional.of(new S3LockContent(required(fields, "hostId"), required(fields, "host"),
                    Long.parseLong(required(fields, "pid")), Instant.parse(required(fields, "started")),
                    required(fields, "command"), Duration.ofSeconds(leaseSeconds),
                    Instant.parse(required(fields, "leaseExpires")), Long.parseLong(required(fields, "renewal"))));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value;
    }
}
