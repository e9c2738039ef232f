package dev.lifeboat.adapter.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lifeboat.domain.error.InsufficientSpaceException;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.LifeboatException;
import dev.lifeboat.domain.error.RefusedException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.error.VerificationFailedException;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgeEncryptionTest {

    /** Three payload chunks of 64 KiB and a short last one. */
    private static final int SIZE = 3 * 65536 + 1234;

    private final ArchiveEncryption age = new AgeEncryption();

    @TempDir
    Path dir;

    @Test
    void serviceLoaderFindsTheAdapter() {
        assertThat(ServiceLoader.load(ArchiveEncryption.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(AgeEncryption.class);
    }

    @Test
    void roundTripsBytesOverSeveralChunksWithoutClosingTheTarget() throws IOException {
        IdentityFile identity = newIdentity("key.txt");
        byte[] plain = randomBytes(SIZE);
        ClosingRecorder target = new ClosingRecorder();
        try (OutputStream out = age.encrypt(target, List.of(recipientOf(identity)))) {
            out.write(plain, 0, 10);
            out.write(plain, 10, plain.length - 10);
        }
        assertThat(target.closed).isFalse();
        byte[] encrypted = target.toByteArray();
        assertThat(new String(encrypted, 0, 22, StandardCharsets.US_ASCII)).isEqualTo("age-encryption.org/v1\n");
        assertThat(decrypt(encrypted, identity)).isEqualTo(plain);
    }

    @Test
    void eitherOfTwoRecipientsDecryptsAndAThirdDoesNot() throws IOException {
        IdentityFile operations = newIdentity("operations.txt");
        IdentityFile recovery = newIdentity("recovery.txt");
        IdentityFile stranger = newIdentity("stranger.txt");
        byte[] plain = randomBytes(100_000);
        byte[] encrypted = encrypt(plain, recipientOf(operations), recipientOf(recovery));

        assertThat(decrypt(encrypted, operations)).isEqualTo(plain);
        assertThat(decrypt(encrypted, recovery)).isEqualTo(plain);
        assertThatThrownBy(() -> decrypt(encrypted, stranger))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("no identity in " + stranger.path() + " matches a recipient of test.age");
        assertThat(age.describeHeader(new ByteArrayInputStream(encrypted), "test.age"))
                .isEqualTo("age-encryption.org/v1, 2 recipient stanzas (X25519, X25519)");
    }

    @Test
    void aFlippedByteInTheBodyOrTheLastChunkOrTheHeaderMacIsDamage() throws IOException {
        IdentityFile identity = newIdentity("key.txt");
        byte[] encrypted = encrypt(randomBytes(SIZE), recipientOf(identity));
        int payload = headerLength(encrypted);
        int mac = payload - 10;
        for (int offset : new int[] {mac, payload + 3, payload + 16 + 70_000, encrypted.length - 1}) {
            byte[] damaged = encrypted.clone();
            damaged[offset] ^= 0x01;
            assertThatThrownBy(() -> decrypt(damaged, identity))
                    .as("a byte flipped at %d of %d (payload at %d)", offset, encrypted.length, payload)
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("test.age is damaged");
        }
    }

    @Test
    void aFlippedByteInARecipientStanzaLooksLikeAnotherKey() throws IOException {
        // the stanza no longer unwraps the file key: to age that is a file for someone else; the sidecar tells apart
        IdentityFile identity = newIdentity("key.txt");
        byte[] encrypted = encrypt(randomBytes(1000), recipientOf(identity));
        byte[] damaged = encrypted.clone();
        damaged[40] ^= 0x01;
        assertThatThrownBy(() -> decrypt(damaged, identity)).isInstanceOf(UnavailableException.class);
    }

    @Test
    void truncationAnywhereIsDamage() throws IOException {
        IdentityFile identity = newIdentity("key.txt");
        byte[] encrypted = encrypt(randomBytes(SIZE), recipientOf(identity));
        int payload = headerLength(encrypted);
        for (int length : new int[] {encrypted.length - 1, encrypted.length - 17, payload + 65536 + 16 + 16, payload + 16,
                payload, payload - 5, 30}) {
            byte[] truncated = Arrays.copyOf(encrypted, length);
            assertThatThrownBy(() -> decrypt(truncated, identity))
                    .as("truncated to %d of %d", length, encrypted.length)
                    .isInstanceOf(VerificationFailedException.class);
        }
        for (int length : new int[] {payload + 10, payload - 5, 30, 0}) {
            assertThatThrownBy(() -> age.describeHeader(new ByteArrayInputStream(Arrays.copyOf(encrypted, length)),
                    "test.age"))
                    .as("header of a file truncated to %d", length)
                    .isInstanceOf(VerificationFailedException.class)
                    .hasMessageContaining("truncated");
        }
    }

    /** A full disk under the scratch space is exit 5, as for every other write, not a storage failure. */
    @Test
    void aFullDiskUnderTheDecryptedCopyIsInsufficientSpaceAndAnyOtherWriteFailureUnavailable() throws IOException {
        IdentityFile identity = newIdentity("key.txt");
        byte[] encrypted = encrypt(randomBytes(SIZE), recipientOf(identity));

        assertThatThrownBy(() -> age.decrypt(new ByteArrayInputStream(encrypted), identity,
                failingAfter(70_000, "No space left on device"), "test.age"))
                .isInstanceOf(InsufficientSpaceException.class)
                .hasMessageContaining("cannot write the decrypted copy of test.age: the disk is full");
        assertThatThrownBy(() -> age.decrypt(new ByteArrayInputStream(encrypted), identity,
                failingAfter(70_000, "Input/output error"), "test.age"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageContaining("Input/output error");
    }

    @Test
    void theHeaderOfSomethingElseIsNotAccepted() {
        assertThatThrownBy(() -> age.describeHeader(new ByteArrayInputStream(
                "ustar tar file\n".getBytes(StandardCharsets.US_ASCII)), "x.age"))
                .isInstanceOf(VerificationFailedException.class)
                .hasMessage("x.age is not a whole age file: it does not begin with the age version line");
    }

    @Test
    void readsIdentityFilesOfAgeKeygenAndFilesAgeEncrypted() throws IOException, URISyntaxException {
        // both made by Debian's age 1.1.1 (age-keygen -o; age -r), the independent implementation
        IdentityFile identity = new IdentityFile(resource("age-keygen-identity.txt"));
        byte[] encrypted = Files.readAllBytes(resource("encrypted-by-age.txt.age"));
        assertThat(new String(decrypt(encrypted, identity), StandardCharsets.US_ASCII)).isEqualTo("made by age 1.1.1\n");
    }

    @Test
    void generatesAnOwnerOnlyIdentityFileInAgeKeygensFormatAndNeverReplacesOne() throws IOException {
        Path file = dir.resolve("new-key.txt");
        Recipient recipient = age.generateIdentity(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("# created: ");
        assertThat(lines.get(1)).isEqualTo("# public key: " + recipient.value());
        assertThat(lines.get(2)).startsWith("AGE-SECRET-KEY-1").hasSize(74);
        assertThat(recipient.value()).startsWith("age1").doesNotContain(lines.get(2));
        assertThat(decrypt(encrypt("x".getBytes(StandardCharsets.US_ASCII), recipient), new IdentityFile(file)))
                .containsExactly('x');

        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> age.generateIdentity(file)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("exists already");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aSecretKeyGivenAsARecipientIsRefusedWithoutRepeatingIt() throws IOException {
        Path file = dir.resolve("key.txt");
        age.generateIdentity(file);
        String secret = Files.readAllLines(file).get(2);
        assertThatThrownBy(() -> age.parseRecipient(secret))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessageContaining("looks like a secret key")
                .hasMessageNotContaining(secret.substring(16));
    }

    @Test
    void aRecipientThatDoesNotParseIsNamed() {
        assertThatThrownBy(() -> age.parseRecipient("age1notakey"))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessageStartingWith("'age1notakey' is not an age X25519 recipient");
        assertThatThrownBy(() -> age.parseRecipient("ssh-ed25519 AAAAC3Nza"))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessageStartingWith("'ssh-ed25519 AAAAC3Nza' is not an age X25519 recipient");
        Recipient valid = age.parseRecipient(" age1vjvyg7e97a096ezgvj2p4f5nhyp99amxkknsrm8n6aewetwr4esshzehf4 ");
        assertThat(valid.value()).isEqualTo("age1vjvyg7e97a096ezgvj2p4f5nhyp99amxkknsrm8n6aewetwr4esshzehf4");
    }

    @Test
    void anIdentityFileWithoutAnIdentityOrWithAPublicKeyIsAUsageErrorThatQuotesNoLine() throws IOException {
        byte[] encrypted = encrypt(new byte[10], age.parseRecipient(
                "age1vjvyg7e97a096ezgvj2p4f5nhyp99amxkknsrm8n6aewetwr4esshzehf4"));
        Path comments = Files.writeString(dir.resolve("comments.txt"), "# nothing here\n\n");
        assertThatThrownBy(() -> decrypt(encrypted, new IdentityFile(comments)))
                .isInstanceOf(InvalidUsageException.class).hasMessageContaining("holds no identity");
        Path publicKey = Files.writeString(dir.resolve("public.txt"),
                "age1vjvyg7e97a096ezgvj2p4f5nhyp99amxkknsrm8n6aewetwr4esshzehf4\n");
        assertThatThrownBy(() -> decrypt(encrypted, new IdentityFile(publicKey)))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessage("line 1 of the identity file " + publicKey + " is a public key (a recipient to encrypt "
                        + "to), not an identity: decrypting needs the secret key AGE-SECRET-KEY-1...");
        Path damaged = Files.writeString(dir.resolve("damaged.txt"), "AGE-SECRET-KEY-1QQQQ\n");
        assertThatThrownBy(() -> decrypt(encrypted, new IdentityFile(damaged)))
                .isInstanceOf(InvalidUsageException.class)
                .hasMessageNotContaining("QQQQ");
        assertThatThrownBy(() -> decrypt(encrypted, new IdentityFile(dir.resolve("absent.txt"))))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("no identity file");
    }

    private IdentityFile newIdentity(String name) {
        Path file = dir.resolve(name);
        age.generateIdentity(file);
        return new IdentityFile(file);
    }

    private static Recipient recipientOf(IdentityFile identity) throws IOException {
        return new Recipient(Files.readAllLines(identity.path()).get(1).substring("# public key: ".length()));
    }

    private byte[] encrypt(byte[] plain, Recipient... recipients) throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        try (OutputStream out = age.encrypt(target, List.of(recipients))) {
            out.write(plain);
        }
        return target.toByteArray();
    }

    private byte[] decrypt(byte[] encrypted, IdentityFile identity) {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try (InputStream in = new ByteArrayInputStream(encrypted)) {
            age.decrypt(in, identity, plain, "test.age");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (LifeboatException e) {
            throw e;
        }
        return plain.toByteArray();
    }

    /** A file that takes {@code room} bytes, then fails every write as the operating system would. */
    private static OutputStream failingAfter(int room, String reason) {
        return new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (written + length > room) {
                    throw new java.nio.file.FileSystemException("/tmp/scratch/decrypted", null, reason);
                }
                written += length;
            }
        };
    }

    /** Where the payload begins: after the line starting "--- ". */
    private static int headerLength(byte[] encrypted) {
        String text = new String(encrypted, StandardCharsets.ISO_8859_1);
        int mac = text.indexOf("\n--- ");
        return text.indexOf('\n', mac + 1) + 1;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(AgeEncryptionTest.class.getResource(name).toURI());
    }

    private static final class ClosingRecorder extends ByteArrayOutputStream {
        private boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
