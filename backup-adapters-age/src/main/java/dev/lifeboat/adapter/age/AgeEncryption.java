package dev.lifeboat.adapter.age;

import com.exceptionfactory.jagged.PayloadException;
import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.UnsupportedRecipientStanzaException;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import dev.lifeboat.domain.spi.NonClosingOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Archives encrypted in the age format (age-encryption.org/v1) to X25519 recipients, through jagged: the file key,
 * its wrapping, the header MAC and the payload's ChaCha20-Poly1305 chunks are all jagged's, on the JDK's
 * cryptography. What is lifeboat's here: reading identity files ({@link IdentityFileReader}), checking recipients
 * ({@link RecipientParser}), reading a header without a key ({@link AgeHeader}), and telling the user's failures
 * apart (a wrong key from a damaged archive).
 */
public final class AgeEncryption implements ArchiveEncryption {

    private static final int BUFFER = 1 << 16;

    @Override
    public Recipient parseRecipient(String text) {
        RecipientParser.writerFor(text);
        return new Recipient(text.strip());
    }

    @Override
    public OutputStream encrypt(OutputStream target, List<Recipient> recipients) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("encryption needs a recipient");
        }
        List<RecipientStanzaWriter> writers = recipients.stream()
                .map(recipient -> RecipientParser.writerFor(recipient.value())).toList();
        WritableByteChannel encrypting;
        try {
            encrypting = new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(new NonClosingOutputStream(target)), writers);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's X25519 or ChaCha20-Poly1305 is not available: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UnavailableException("cannot write the encryption header: " + e.getMessage(), e);
        }
        return new BufferedOutputStream(Channels.newOutputStream(encrypting), BUFFER);
    }

    @Override
    public void decrypt(InputStream encrypted, IdentityFile identity, OutputStream plaintext, String archiveName) {
        List<RecipientStanzaReader> identities = IdentityFileReader.read(identity);
        ReadableByteChannel source = new SourceChannel(encrypted, archiveName);
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        try (ReadableByteChannel decrypting = new StandardDecryptingChannelFactory()
                .newDecryptingChannel(source, identities)) {
            while (decrypting.read(buffer) >= 0) {
                buffer.flip();
                write(plaintext, buffer, archiveName);
                buffer.clear();
            }
        } catch (UnsupportedRecipientStanzaException e) {
            throw new UnavailableException("no identity in " + identity + " matches a recipient of " + archiveName
                    + ": it was encrypted to other public keys", e);
        } catch (GeneralSecurityException e) {
            throw new VerificationFailedException(archiveName + " is damaged: its encryption header does not "
                    + "authenticate (" + e.getMessage() + ")", e);
        } catch (PayloadException e) {
            throw new VerificationFailedException(archiveName + " is damaged or truncated: its encrypted data does "
                    + "not authenticate (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new VerificationFailedException(archiveName + " is damaged or truncated: " + e.getMessage(), e);
        }
    }

    private static void write(OutputStream plaintext, ByteBuffer buffer, String archiveName) {
        try {
            plaintext.write(buffer.array(), buffer.position(), buffer.remaining());
        } catch (IOException e) {
            if (InsufficientSpaceException.indicatesFullDisk(e)) {
                throw InsufficientSpaceException.whileWriting("cannot write the decrypted copy of " + archiveName
                        + ": the disk is full; the scratch space needs room for the whole archive", e);
            }
            throw new UnavailableException("cannot write the decrypted copy of " + archiveName + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String describeHeader(InputStream encrypted, String archiveName) {
        return AgeHeader.read(encrypted, archiveName).describe();
    }

    @Override
    public Recipient generateIdentity(Path file) {
        return KeyGeneration.writeNewIdentity(file);
    }

    /** The stored bytes: a failure to read them is the repository's, never taken for damage. */
    private static final class SourceChannel implements ReadableByteChannel {

        private final ReadableByteChannel channel;
        private final String archiveName;

        SourceChannel(InputStream in, String archiveName) {
            this.channel = Channels.newChannel(in);
            this.archiveName = archiveName;
        }

        @Override
        public int read(ByteBuffer destination) {
            try {
                return channel.read(destination);
            } catch (IOException e) {
                throw new UnavailableException("cannot read " + archiveName + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the caller closes the stored stream
        }
    }
}
