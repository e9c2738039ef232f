package dev.lifeboat.adapter.filesystem;

import dev.lifeboat.domain.model.HostIdentity;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Temporary files in a repository: {@code .lifeboat-tmp-<pid>.<host id>-<random>-<purpose>}. Hidden, never taken for
 * an archive, and named after the process and the machine ({@link HostIdentity#id() host id}) that made them, so a
 * later run can tell a crashed run's files (remove) from those of a run still going (keep), even on a repository that
 * several machines share.
 *
 * <p>A tool that opens a temporary file may create companions named after it (a database's {@code <name>-wal} or
 * {@code <name>-journal}); they go with the file: see {@link #deleteQuietly}.
 */
final class TempFiles {

    static final String PREFIX = ".lifeboat-tmp-";
    /** The host part is optional so that names from before it existed, or garbled, still count as temporary files. */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([0-9]{1,18})(?:\\.([^-]*))?-.+");
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
     * The process that made a temporary file.
     *
     * @param hostId the host id the name carries, empty when it carries none
     */
    record Owner(long pid, String hostId) {

        /** Whether the pid is one of this machine's, so whether the process is alive can be asked here. */
        boolean isOnThisHost() {
            return hostId.equals(HostIdentity.local().id());
        }
    }

    /** How the names of this process's temporary files begin. */
    static String ownPrefix() {
        return PREFIX + ProcessHandle.current().pid() + "." + HostIdentity.local().id() + "-";
    }

    /**
     * Creates a new private temporary file and registers it for removal at JVM shutdown; the caller deregisters it
     * once it is renamed or deleted.
     */
    Created create(Path directory, String purpose) throws IOException {
        String safePurpose = sanitize(purpose);
        FileAlreadyExistsException taken = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Path path = directory.resolve(ownPrefix() + tokens.get() + "-" + safePurpose);
            try {
                FileChannel channel = ShutdownCleanup.createRegistered(path, () -> PrivateFiles.createNew(path));
                return new Created(path, channel);
            } catch (FileAlreadyExistsException e) {
                taken = e;
            }
        }
        throw taken;
    }

    /**
     * Who made a temporary file, or one of its companions, whose names start alike; empty when the name is not that of
     * a temporary file.
     */
    static Optional<Owner> owner(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String hostId = matcher.group(2) == null ? "" : matcher.group(2);
        return Optional.of(new Owner(Long.parseLong(matcher.group(1)), hostId));
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

    /**
     * Deletes temporary files with their companions, the files beside them whose names start with theirs, and stops
     * watching them at shutdown. The random part of a name makes it unique, so whatever starts with it is ours. A file
     * that cannot be deleted stays until a later run's leftover sweep removes it, which is better than failing a run
     * that has otherwise succeeded.
     */
    static void deleteQuietly(Collection<Path> files) {
        Map<Path, List<Path>> byDirectory = files.stream()
                .collect(Collectors.groupingBy(Path::getParent, LinkedHashMap::new, Collectors.toList()));
        byDirectory.forEach(TempFiles::deleteWithCompanions);
        files.forEach(ShutdownCleanup::deregister);
    }

    private static void deleteWithCompanions(Path directory, List<Path> files) {
        List<String> names = files.stream().map(file -> file.getFileName().toString()).toList();
        files.forEach(TempFiles::deleteIfNotDirectory);
        DirectoryStream.Filter<Path> companion = entry -> {
            String name = entry.getFileName().toString();
            return names.stream().anyMatch(name::startsWith);
        };
        try (DirectoryStream<Path> companions = Files.newDirectoryStream(directory, companion)) {
            companions.forEach(TempFiles::deleteIfNotDirectory);
        } catch (IOException | DirectoryIteratorException e) {
            // see deleteQuietly: a companion that stays is named like a temporary file, so the sweep finds it
        }
    }

    /** Directories are never made here, and deleting one could take what someone put in it. */
    private static void deleteIfNotDirectory(Path file) {
        try {
            if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // see deleteQuietly
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
