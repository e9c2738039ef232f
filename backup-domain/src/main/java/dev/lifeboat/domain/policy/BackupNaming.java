package dev.lifeboat.domain.policy;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.BackupName;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How archives are named: {@code <database>[_<label>]_<UTC yyyy-MM-ddTHH-mm-ssZ>.lifeboat.tar}, with {@code -2},
 * {@code -3}, ... after the time when a name is already taken in the same second. Names sort by time within
 * a database and label, and need no characters a shell or another file system would trip over.
 */
public final class BackupNaming {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");
    private static final Pattern STEM = Pattern.compile(
            "(.+)_(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z)(-\\d+)?");
    private static final Pattern ATTEMPT = Pattern.compile(
            "_\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z-(\\d+)\\.lifeboat\\.tar(?:\\.age)?$");

    private BackupNaming() {
    }

    /**
     * The name of a backup.
     *
     * @param attempt 1 for the plain name, 2 and up when the plain name is taken
     */
    public static BackupName nameFor(String databaseName, Optional<String> label, Instant createdAt, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        StringBuilder name = new StringBuilder(safeDatabaseName(databaseName));
        label.ifPresent(l -> name.append('_').append(requireValidLabel(l)));
        name.append('_').append(TIME.format(createdAt));
        if (attempt > 1) {
            name.append('-').append(attempt);
        }
        return new BackupName(name.append(BackupName.SUFFIX).toString());
    }

    /**
     * What a name says of its archive, for an archive whose manifest cannot be read (an encrypted one): the database
     * with the label if any ({@code chinook} or {@code chinook_nightly}; a database name may hold '_' itself, so the
     * two are not told apart) and the time it was taken, to the second. Empty for a name lifeboat did not make.
     */
    public static Optional<NameParts> partsOf(BackupName name) {
        java.util.regex.Matcher matcher = STEM.matcher(name.stem());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NameParts(matcher.group(1), Instant.from(TIME.parse(matcher.group(2)))));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Which attempt at a name an archive's name is: 1 for the plain name, N for the name with {@code -N} after its
     * time (taken when the plain name was, in the same second). Of two archives of the same second, the higher
     * attempt is the later; their names alone sort the other way ({@code Z.} after {@code Z-}).
     */
    public static int attemptOf(String archiveName) {
        java.util.regex.Matcher matcher = ATTEMPT.matcher(archiveName);
        if (!matcher.find()) {
            return 1;
        }
        try {
            return Integer.parseInt(matcher.group(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * The parts of an archive's name.
     *
     * @param databaseAndLabel the database name as it appears in file names, with {@code _label} when there is one
     * @param createdAt        when it was taken, to the second
     */
    public record NameParts(String databaseAndLabel, Instant createdAt) {
    }

    /**
     * Whether a name's database-and-label text can be a database's: the database's name alone, or followed by a
     * label (which holds no '_'). {@code shop_archive} can be {@code shop} labelled {@code archive}, and a database
     * of that name: a name cannot tell them apart, its manifest can.
     */
    public static boolean canBeOf(NameParts parts, String databaseName) {
        String safe = safeDatabaseName(databaseName);
        String text = parts.databaseAndLabel();
        return text.equals(safe)
                || text.startsWith(safe + "_") && LABEL.matcher(text.substring(safe.length() + 1)).matches();
    }

    /**
     * Whether an archive's name says what its manifest says: the database, the label and the time, to the second, it
     * was made from. A name lifeboat did not make says nothing, and so agrees.
     */
    public static boolean agreesWith(BackupName name, String databaseName, Optional<String> label, Instant createdAt) {
        return partsOf(name).map(parts -> parts.databaseAndLabel().equals(safeDatabaseName(databaseName)
                        + label.map(text -> "_" + text).orElse(""))
                        && parts.createdAt().equals(createdAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                .orElse(true);
    }

    /** Checks a user's label: letters, digits, '.' and '-', up to 63 characters. */
    public static String requireValidLabel(String label) {
        if (!LABEL.matcher(label).matches()) {
            throw new InvalidUsageException("invalid label '" + label
                    + "': use letters, digits, '.' and '-', starting with a letter or digit, at most 63 characters");
        }
        return label;
    }

    /** The database name as it may appear in a file name: unsafe characters become '-'. */
    public static String safeDatabaseName(String databaseName) {
        String safe = UNSAFE.matcher(databaseName).replaceAll("-");
        if (safe.isEmpty() || !Character.isLetterOrDigit(safe.charAt(0)) && safe.charAt(0) != '_') {
            safe = "db" + safe;
        }
        return safe.length() > 100 ? safe.substring(0, 100) : safe;
    }
}
