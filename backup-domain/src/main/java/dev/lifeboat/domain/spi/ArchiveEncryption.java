package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.Recipient;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Encryption of whole archives to public keys: what stands between an archive and the repository's bytes when a
 * backup names recipients. Found with {@link java.util.ServiceLoader}. The domain never sees a key's material: it
 * holds recipients as text and identities as the file they are in, and the adapter reads that file itself.
 */
public interface ArchiveEncryption {

    /**
     * Checks a recipient as the user wrote it.
     *
     * @param text the recipient as the user wrote it
     * @return the recipient
     * @throws dev.lifeboat.domain.error.InvalidUsageException naming the text when it is no recipient; when it is a
     *                                                         secret key instead, saying so without repeating it
     */
    Recipient parseRecipient(String text);

    /**
     * Starts encrypting to recipients: what is written to the returned stream reaches {@code target} encrypted, and
     * closing the returned stream writes the end of the encryption without closing {@code target}. Memory stays
     * bounded at any size.
     *
     * @param target     where the encrypted bytes go; not closed
     * @param recipients who can decrypt, at least one, each from {@link #parseRecipient}
     * @return the stream to write the plaintext to
     */
    OutputStream encrypt(OutputStream target, List<Recipient> recipients);

    /**
     * Decrypts a whole encrypted stream into {@code plaintext}. What is written before this returns is not yet
     * authenticated: a caller uses it only when this returns normally (a truncation shows only at the end).
     *
     * @param encrypted   the encrypted stream, read to its end
     * @param identity    the file holding the identity that decrypts it
     * @param plaintext   where the decrypted bytes go; not closed
     * @param archiveName for messages
     * @throws dev.lifeboat.domain.error.InvalidUsageException      when the identity file cannot be read or holds no
     *                                                              identity
     * @throws dev.lifeboat.domain.error.UnavailableException       when no identity in the file matches a recipient
     *                                                              of the stream (the wrong key, or a header so
     *                                                              damaged no recipient can be recognized)
     * @throws dev.lifeboat.domain.error.VerificationFailedException when the stream is damaged or truncated
     */
    void decrypt(InputStream encrypted, IdentityFile identity, OutputStream plaintext, String archiveName);

    /**
     * Reads and checks what can be checked without an identity: the stream's header (format version and recipient
     * stanzas). Its authentication code needs the identity, so it is not checked.
     *
     * @param encrypted   the encrypted stream; only its header is read
     * @param archiveName for messages
     * @return what the header says, for people ("age-encryption.org/v1, 2 recipients: X25519, X25519")
     * @throws dev.lifeboat.domain.error.VerificationFailedException when the header is malformed or truncated
     */
    String describeHeader(InputStream encrypted, String archiveName);

    /**
     * Writes a new identity into a new file readable by its owner only.
     *
     * @param file where the identity goes; it must not exist
     * @return the identity's recipient, the public key to encrypt to
     * @throws dev.lifeboat.domain.error.RefusedException     when the file exists already: it is never replaced
     * @throws dev.lifeboat.domain.error.UnavailableException when the file cannot be written
     */
    Recipient generateIdentity(Path file);
}
