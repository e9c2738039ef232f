package dev.lifeboat.adapter.age;

import dev.lifeboat.domain.error.InvalidUsageException;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import java.security.GeneralSecurityException;
import java.util.Locale;

/** Checks recipients as users write them: X25519 public keys, {@code age1...}. */
final class RecipientParser {

    /** How every age secret key begins; one given as a recipient is never repeated in a message. */
    static final String SECRET_KEY_PREFIX = "AGE-SECRET-KEY-";
    private static final int LONGEST_SHOWN = 100;

    private RecipientParser() {
    }

    /**
     * The writer of a recipient's stanza.
     *
     * @throws InvalidUsageException when the text is no X25519 recipient
     */
    static RecipientStanzaWriter writerFor(String text) {
        String recipient = text.strip();
        if (recipient.toUpperCase(Locale.ROOT).startsWith(SECRET_KEY_PREFIX)) {
            throw new InvalidUsageException("a recipient given looks like a secret key (" + SECRET_KEY_PREFIX
                    + "...), not a public one: encrypt to its public key, which 'age-keygen -y FILE' prints, and keep "
                    + "the secret key only on the machine that restores");
        }
        try {
            return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidUsageException("'" + shown(recipient) + "' is not an age X25519 recipient (a public key "
                    + "such as age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p)");
        }
    }

    private static String shown(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > LONGEST_SHOWN ? printable.substring(0, LONGEST_SHOWN) + "..." : printable;
    }
}
