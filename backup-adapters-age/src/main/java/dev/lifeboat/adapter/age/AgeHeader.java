package dev.lifeboat.adapter.age;

import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The header of an age file, read without a key: the version line, the recipient stanzas, the MAC line, and that some
 * payload follows. Only the format is checked (age-encryption.org/v1, "Header"); the MAC needs the file key, which
 * needs an identity, so jagged checks it while decrypting.
 *
 * @param version        the version line
 * @param recipientTypes the type of each recipient stanza ({@code X25519})
 */
record AgeHeader(String version, List<String> recipientTypes) {

    static final String VERSION = "age-encryption.org/v1";
    /** Far more than any header this tool or age writes for a handful of recipients. */
    static final int LARGEST = 1 << 20;
    private static final int LONGEST_LINE = 4096;
    private static final int BODY_COLUMNS = 64;
    /** The payload's nonce and at least one chunk's authentication tag. */
    private static final int SMALLEST_PAYLOAD = 16 + 16;
    private static final Pattern ARGUMENT = Pattern.compile("[\\x21-\\x7e]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*");
    private static final Pattern MAC = Pattern.compile("--- [A-Za-z0-9+/]{43}");

    String describe() {
        return version + ", " + recipientTypes.size() + " recipient stanza" + (recipientTypes.size() == 1 ? "" : "s")
                + " (" + String.join(", ", recipientTypes) + ")";
    }

    /**
     * @throws VerificationFailedException when the header is malformed or the file ends in it
     */
    static AgeHeader read(InputStream in, String archiveName) {
        Lines lines = new Lines(in, archiveName);
        String version = lines.next();
        if (!version.equals(VERSION)) {
            throw damaged(archiveName, version.startsWith("age-encryption.org/")
                    ? "it is of another age version, " + version : "it does not begin with the age version line");
        }
        List<String> types = new ArrayList<>();
        String line = lines.next();
        while (line.startsWith("-> ")) {
            String[] arguments = line.substring(3).split(" ", -1);
            for (String argument : arguments) {
                if (!ARGUMENT.matcher(argument).matches()) {
                    throw damaged(archiveName, "recipient stanza " + (types.size() + 1) + " has a malformed line");
                }
            }
            types.add(arguments[0]);
            String body;
            do {
                body = lines.next();
                if (body.length() > BODY_COLUMNS || !BASE64.matcher(body).matches()) {
                    throw damaged(archiveName, "the body of recipient stanza " + types.size() + " is malformed");
                }
            } while (body.length() == BODY_COLUMNS);
            line = lines.next();
        }
        if (types.isEmpty()) {
            throw damaged(archiveName, "its header has no recipient stanza");
        }
        if (!MAC.matcher(line).matches()) {
            throw damaged(archiveName, "its header does not end with a MAC line");
        }
        lines.requirePayload(SMALLEST_PAYLOAD);
        return new AgeHeader(version, List.copyOf(types));
    }

    private static VerificationFailedException damaged(String archiveName, String why) {
        return new VerificationFailedException(archiveName + " is not a whole age file: " + why);
    }

    /** The header's lines, each ended by a line feed, read a byte at a time so nothing past the header is taken. */
    private static final class Lines {

        private final InputStream in;
        private final String archiveName;
        private int read;

        Lines(InputStream in, String archiveName) {
            this.in = in;
            this.archiveName = archiveName;
        }

        String next() {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = readByte();
                if (b < 0) {
                    throw damaged(archiveName, "it ends inside its header (truncated)");
                }
                if (b == '\n') {
                    return line.toString(StandardCharsets.US_ASCII);
                }
                if (line.size() >= LONGEST_LINE || read > LARGEST) {
                    throw damaged(archiveName, "its header is not age's (a line or the header is far too long)");
                }
                line.write(b);
            }
        }

        void requirePayload(int bytes) {
            for (int i = 0; i < bytes; i++) {
                if (readByte() < 0) {
                    throw damaged(archiveName, "it ends right after its header (truncated)");
                }
            }
        }

        private int readByte() {
            try {
                int b = in.read();
                read++;
                return b;
            } catch (IOException e) {
                throw new UnavailableException("cannot read " + archiveName + ": " + e.getMessage(), e);
            }
        }
    }
}
