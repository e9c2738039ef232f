package dev.lifeboat.adapter.age;

import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.Recipient;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Writes a new X25519 identity in {@code age-keygen}'s format, so either tool reads what the other wrote. The file is
 * created readable by its owner only, never over an existing file. jagged's private key prints itself, so it goes
 * straight into the file and nowhere else.
 */
final class KeyGeneration {

    private KeyGeneration() {
    }

    static Recipient writeNewIdentity(Path file) {
        KeyPair pair;
        try {
            pair = new X25519KeyPairGenerator().generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's X25519 is not available: " + e.getMessage(), e);
        }
        Recipient recipient = new Recipient(pair.getPublic().toString());
        String content = "# created: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n"
                + "# public key: " + recipient.value() + "\n"
                + pair.getPrivate() + "\n";
        boolean created = false;
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            created = true;
            OutputStream out = Channels.newOutputStream(channel);
            out.write(content.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (FileAlreadyExistsException e) {
            throw new RefusedException(file + " exists already; lifeboat never replaces a key file: name a new one");
        } catch (IOException e) {
            if (created) {
                deleteQuietly(file, e);
            }
            throw new UnavailableException("cannot write the identity file " + file + ": " + IoFailures.describe(e), e);
        }
        return recipient;
    }

    private static void deleteQuietly(Path file, IOException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
