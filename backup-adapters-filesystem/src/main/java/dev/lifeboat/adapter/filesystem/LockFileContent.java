package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.model.LockHolder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the lock file says about its holder: {@code key=value} lines a person can read with {@code cat}.
 * <pre>
 * pid=4242
 * host=db1
 * started=2026-11-24T10:58:24Z
 * command=backup of sqlite:/srv/app.db
 * </pre>
 */
final class LockFileContent {

    /** Bigger than any holder we write; a bigger file is not ours and is not read further. */
    static final int MAX_BYTES = 16 * 1024;

    private LockFileContent() {
    }

    static byte[] encode(LockHolder holder) {
        String text = "pid=" + holder.pid() + "\n"
                + "host=" + oneLine(holder.host()) + "\n"
                + "started=" + holder.startedAt() + "\n"
                + "command=" + oneLine(holder.command()) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The holder a lock file names, empty when the file is empty or not in the format written by {@link #encode}. */
    static Optional<LockHolder> decode(byte[] content) {
        Map<String, String> fields = new HashMap<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        String pid = fields.get("pid");
        String host = fields.get("host");
        String started = fields.get("started");
        String command = fields.get("command");
        if (pid == null || host == null || started == null || command == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LockHolder(Long.parseLong(pid), host, Instant.parse(started), command));
        } catch (NumberFormatException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Line breaks in a command would break the format; the command is for people, so a space does as well. */
    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }
}
