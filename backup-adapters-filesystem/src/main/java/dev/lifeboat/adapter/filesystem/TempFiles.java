package dev.lifeboat.adapter.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Temporary files in a repository: {@code .lifeboat-tmp-<pid>-<random>-<purpose>}. Hidden, never taken for an
 * archive, and named after the process that made them, so a later run can tell a crashed run's files (remove) from
 * those of a run still going (keep).
 */
final class TempFiles {

    static final String PREFIX = ".lifeboat-tmp-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{1,18})-.+");
    private static final Pattern NOT_ALLOWED_IN_PURPOSE = Pattern.compile("[^a-z0-9-]+");
    private static final int MAX_PURPOSE_LENGTH = 40;
    /** A name already taken is either a one-in-2^64 clash or something planted; a few fresh names settle which. */
    private static final int ATTEMPTS = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<String> tokens;

    TempFiles() {
        this(TempFiles::randomToken);
    }

    /** @param tokens the random part of each name; tests pass known ones to plant files in the way */
    TempFiles(Supplier<String> tokens) {
        this.tokens = tokens;
    }

    /** A temporary file made and opened for writing. */
    record Created(Path path, FileChannel channel) {
    }

    /**
     * Creates a new private temporary file and registers it for removal at JVM shutdown; the caller deregisters it
     * once it is renamed or deleted.
     */
    Created create(Path directory, String purpose) throws IOException {
        String safePurpose = sanitize(purpose);
        FileAlreadyExistsException taken = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Path path = directory.resolve(PREFIX + ProcessHandle.current().pid() + "-" + tokens.get() + "-"
                    + safePurpose);
            try {
                FileChannel channel = PrivateFiles.createNew(path);
                ShutdownCleanup.register(path);
                return new Created(path, channel);
            } catch (FileAlreadyExistsException e) {
                taken = e;
            }
        }
        throw taken;
    }

    /** The process that made a temporary file, empty when the name is not that of a temporary file. */
    static OptionalLong ownerPid(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** A purpose as it may appear in a file name: lower-case letters, digits and '-'. */
    static String sanitize(String purpose) {
        String safe = NOT_ALLOWED_IN_PURPOSE.matcher(purpose.toLowerCase(Locale.ROOT)).replaceAll("-");
        safe = safe.replaceAll("^-+|-+$", "");
        if (safe.length() > MAX_PURPOSE_LENGTH) {
            safe = safe.substring(0, MAX_PURPOSE_LENGTH);
        }
        return safe.isEmpty() ? "file" : safe;
    }

    private static String randomToken() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
