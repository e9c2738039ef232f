package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.IncompatibleException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.spi.Sha256;
import dev.lifeboat.domain.model.BackupName;
import dev.lifeboat.domain.model.CheckStatus;
import dev.lifeboat.domain.model.VerificationCheck;
import dev.lifeboat.domain.model.VerificationRecord;
import dev.lifeboat.domain.spi.VerificationRecordFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A verification record as lines of text, readable with {@code cat} and checkable with {@code sha256sum}: a header
 * line, one {@code key value} line per fact, one {@code check STATUS NAME<TAB>DETAIL} line per check, and last
 * {@code sha256 HEX}, the SHA-256 of every byte before that line. docs/archive-format.md describes it.
 *
 * <pre>
 * lifeboat verification 1
 * archive chinook_2026-11-24T10-58-24Z.lifeboat.tar
 * archive-sha256 9f86d0...
 * verified-at 2026-11-25T03:00:12.345Z
 * mode deep
 * lifeboat-version 0.1.0
 * outcome passed
 * check passed archive checksum	SHA-256 matches the sidecar (9f86d0...)
 * sha256 2c26b4...
 * </pre>
 */
public final class VerificationRecordLines implements VerificationRecordFormat {

    static final String HEADER = "lifeboat verification ";
    static final int VERSION = 1;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\t\\r\\n\\u2028\\u2029\\u0085]");

    @Override
    public String encode(VerificationRecord record) {
        StringBuilder body = new StringBuilder();
        body.append(HEADER).append(VERSION).append('\n');
        body.append("archive ").append(record.archive().value()).append('\n');
        body.append("archive-sha256 ").append(record.archiveSha256().orElse("-")).append('\n');
        body.append("verified-at ").append(record.verifiedAt()).append('\n');
        body.append("mode ").append(record.mode()).append('\n');
        body.append("lifeboat-version ").append(oneLine(record.toolVersion())).append('\n');
        body.append("outcome ").append(record.passed() ? "passed" : "failed").append('\n');
        for (VerificationCheck check : record.checks()) {
            body.append("check ").append(check.status().name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(oneLine(check.name())).append('\t').append(oneLine(check.detail())).append('\n');
        }
        return body + "sha256 " + sha256(body.toString()) + "\n";
    }

    @Override
    public VerificationRecord decode(String document, BackupName archive) {
        int end = document.endsWith("\n") ? document.length() - 1 : -1;
        int last = end < 0 ? -1 : document.lastIndexOf('\n', end - 1);
        if (last < 0 || !document.startsWith("sha256 ", last + 1)) {
            throw damaged(archive, "it does not end with its checksum line (cut short?)");
        }
        String body = document.substring(0, last + 1);
        String seal = document.substring(last + 1 + "sha256 ".length(), end);
        if (!seal.equals(sha256(body))) {
            throw damaged(archive, "its checksum does not match its content");
        }
        List<String> lines = List.of(body.split("\n"));
        if (!lines.get(0).startsWith(HEADER)) {
            throw damaged(archive, "it is not a lifeboat verification record");
        }
        int version = parseVersion(lines.get(0).substring(HEADER.length()), archive);
        if (version > VERSION) {
            throw new IncompatibleException("the verification record of " + archive + " is version " + version
                    + ", newer than this lifeboat reads (" + VERSION + "); upgrade lifeboat");
        }
        Fields fields = new Fields(archive);
        List<VerificationCheck> checks = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("check ")) {
                checks.add(parseCheck(line.substring("check ".length()), archive));
            } else {
                fields.put(line);
            }
        }
        if (!fields.require("archive").equals(archive.value())) {
            throw damaged(archive, "it is about " + fields.require("archive") + ", not this archive");
        }
        String sha = fields.require("archive-sha256");
        if (!sha.equals("-") && !HEX.matcher(sha).matches()) {
            throw damaged(archive, "its archive-sha256 is not a SHA-256");
        }
        Instant verifiedAt;
        try {
            verifiedAt = Instant.parse(fields.require("verified-at"));
        } catch (DateTimeParseException e) {
            throw damaged(archive, "its verified-at is not a time");
        }
        String mode = fields.require("mode");
        if (!mode.equals("deep") && !mode.equals("fast")) {
            throw damaged(archive, "its mode is neither deep nor fast");
        }
        if (checks.isEmpty()) {
            throw damaged(archive, "it lists no check");
        }
        VerificationRecord record = new VerificationRecord(archive,
                sha.equals("-") ? Optional.empty() : Optional.of(sha), verifiedAt, mode.equals("deep"), fields.require("lifeboat-version"), checks);
        if (!fields.require("outcome").equals(record.passed() ? "passed" : "failed")) {
            throw damaged(archive, "its outcome does not agree with its checks");
        }
        return record;
    }

    /** The key-value lines of a record, each key once. */
    private static final class Fields {

        private final BackupName archive;
        private final Map<String, String> values = new HashMap<>();

        Fields(BackupName archive) {
            this.archive = archive;
        }

        void put(String line) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                throw damaged(archive, "a line is not 'key value'");
            }
            if (values.putIfAbsent(line.substring(0, space), line.substring(space + 1)) != null) {
                throw damaged(archive, "it has " + line.substring(0, space) + " twice");
            }
        }

        String require(String key) {
            String value = values.get(key);
            if (value == null) {
                throw damaged(archive, "it has no " + key);
            }
            return value;
        }
    }

    private static VerificationCheck parseCheck(String text, BackupName archive) {
        int space = text.indexOf(' ');
        int tab = text.indexOf('\t');
        if (space <= 0 || tab < space) {
            throw damaged(archive, "a check line is not 'check STATUS NAME<TAB>DETAIL'");
        }
        CheckStatus status;
        try {
            status = CheckStatus.valueOf(text.substring(0, space).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw damaged(archive, "a check has the unknown status " + text.substring(0, space));
        }
        return new VerificationCheck(text.substring(space + 1, tab), status, text.substring(tab + 1));
    }

    private static int parseVersion(String text, BackupName archive) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw damaged(archive, "its version is not a number");
        }
    }

    private static String oneLine(String text) {
        return LINE_BREAKS.matcher(text).replaceAll(" ");
    }

    private static String sha256(String text) {
        return Sha256.hex(Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static VerificationFailedException damaged(BackupName archive, String why) {
        return new VerificationFailedException("the verification record of " + archive + " is damaged: " + why);
    }
}
