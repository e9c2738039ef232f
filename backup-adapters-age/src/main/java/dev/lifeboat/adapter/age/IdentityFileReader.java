package dev.lifeboat.adapter.age;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an identity file as {@code age-keygen} writes it: one {@code AGE-SECRET-KEY-1...} a line, with {@code #}
 * comment lines and blank lines. No message ever quotes a line of it: a line may be a secret.
 */
final class IdentityFileReader {

    /** Far more than any identity file holds; a larger file is not one. */
    static final long LARGEST = 1 << 20;

    private IdentityFileReader() {
    }

    /**
     * @throws InvalidUsageException when the file cannot be read, has a line that is no identity, or has none
     */
    static List<RecipientStanzaReader> read(IdentityFile identity) {
        Path file = identity.path();
        List<String> lines;
        try {
            if (Files.size(file) > LARGEST) {
                throw new InvalidUsageException("the identity file " + file + " is larger than " + LARGEST
                        + " bytes, so it is no age identity file");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("no identity file " + file);
        } catch (IOException e) {
            throw new InvalidUsageException("cannot read the identity file " + file + ": " + IoFailures.describe(e)
                    + (e instanceof CharacterCodingException ? " (an age identity file is)" : ""), e);
        }
        List<RecipientStanzaReader> identities = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            identities.add(identity(line, file, i + 1));
        }
        if (identities.isEmpty()) {
            throw new InvalidUsageException("the identity file " + file + " holds no identity (a line "
                    + RecipientParser.SECRET_KEY_PREFIX + "1..., as age-keygen or lifeboat key generate write)");
        }
        return identities;
    }

    private static RecipientStanzaReader identity(String line, Path file, int number) {
        String where = "line " + number + " of the identity file " + file;
        if (line.toLowerCase(Locale.ROOT).startsWith("age1")) {
            throw new InvalidUsageException(where + " is a public key (a recipient to encrypt to), not an identity: "
                    + "decrypting needs the secret key " + RecipientParser.SECRET_KEY_PREFIX + "1...");
        }
        if (!line.startsWith(RecipientParser.SECRET_KEY_PREFIX)) {
            throw new InvalidUsageException(where + " is not an age X25519 identity ("
                    + RecipientParser.SECRET_KEY_PREFIX + "1...); lifeboat reads only those");
        }
        try {
            return X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(line);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidUsageException(where + " is not a valid age X25519 identity: it is damaged");
        }
    }
}
