package dev.lifeboat.cli.command;

import dev.lifeboat.cli.settings.Resolved;
import dev.lifeboat.domain.config.ConfiguredSettings;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.IdentityFile;
import dev.lifeboat.domain.model.Recipient;
import dev.lifeboat.domain.spi.ArchiveEncryption;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the keys of a run: the recipients a backup is encrypted to (the flags, else the configuration file) and the
 * identity file that decrypts (--identity, else $LIFEBOAT_IDENTITY_FILE, else the configuration file). An identity
 * file that others may read is warned about, as ssh does; its content is never read here.
 */
final class ArchiveKeysResolver {

    private final CommandContext context;
    private final Set<Path> warned = new HashSet<>();

    ArchiveKeysResolver(CommandContext context) {
        this.context = context;
    }

    /** The identity file in effect, and where it was named. */
    Optional<Resolved<Path>> identity(IdentityOption option, ConfiguredSettings settings) {
        if (option != null && option.file != null) {
            return Optional.of(new Resolved<>(existing(option.file, "--identity"), "--identity"));
        }
        Optional<String> variable = context.environment().variable(IdentityOption.VARIABLE).filter(v -> !v.isBlank());
        if (variable.isPresent()) {
            return Optional.of(new Resolved<>(context.environment().workingDirectory().resolve(variable.get())
                    .normalize(), IdentityOption.VARIABLE));
        }
        return settings.encryption().flatMap(configured -> configured.value().identity()
                .map(path -> new Resolved<>(path, configured.origin().toString())));
    }

    /** The identity file for a run that reads archives, when one is in effect. */
    Optional<IdentityFile> identityFile(IdentityOption option, ConfiguredSettings settings) {
        Optional<Resolved<Path>> identity = identity(option, settings);
        identity.ifPresent(found -> warnIfReadableByOthers(found.value()));
        return identity.map(found -> new IdentityFile(found.value()));
    }

    /**
     * The recipients of a backup: {@code --encrypt-to} and the lines of {@code --recipients-file} when either is
     * given, else the configuration file's; none for an unencrypted backup.
     *
     * @throws InvalidUsageException naming a recipient that does not parse
     */
    List<Recipient> recipients(List<String> flags, String recipientsFile, ConfiguredSettings settings) {
        List<String> given = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        if (flags != null) {
            flags.forEach(flag -> {
                given.add(flag);
                sources.add("--encrypt-to");
            });
        }
        if (recipientsFile != null) {
            readRecipientsFile(recipientsFile, given, sources);
        }
        if (given.isEmpty() && (flags == null || flags.isEmpty()) && recipientsFile == null) {
            settings.encryption().map(configured -> configured.value().recipients()).orElse(List.of()).forEach(r -> {
                given.add(r);
                sources.add(settings.encryption().get().origin().toString());
            });
        }
        if (given.isEmpty()) {
            if (recipientsFile != null) {
                throw new InvalidUsageException("the recipients file " + recipientsFile + " names no recipient");
            }
            return List.of();
        }
        ArchiveEncryption encryption = context.adapters().encryption().orElseThrow(() -> new InvalidUsageException(
                "the backup is to be encrypted, but this lifeboat was built without an encryption adapter"));
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                Recipient recipient = encryption.parseRecipient(given.get(i));
                if (!recipients.contains(recipient)) {
                    recipients.add(recipient);
                }
            } catch (InvalidUsageException e) {
                throw new InvalidUsageException(sources.get(i) + ": " + e.getMessage(), e);
            }
        }
        return recipients;
    }

    private void readRecipientsFile(String name, List<String> given, List<String> sources) {
        Path file = context.environment().workingDirectory().resolve(name);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UnavailableException("no recipients file " + file);
        } catch (IOException e) {
            throw new UnavailableException("cannot read the recipients file " + file + ": " + IoFailures.describe(e),
                    e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                given.add(line);
                sources.add(file + ":" + (i + 1));
            }
        }
    }

    private Path existing(String name, String option) {
        Path file = context.environment().workingDirectory().resolve(name).normalize();
        if (Files.isDirectory(file)) {
            throw new UnavailableException(option + ": " + file + " is a directory, not an identity file");
        }
        if (!Files.isRegularFile(file)) {
            throw new UnavailableException(option + ": no identity file " + file);
        }
        return file;
    }

    /** As ssh does with a private key others can read: said on every run, since the key may already be copied. */
    private void warnIfReadableByOthers(Path file) {
        try {
            if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if ((permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) && warned.add(file)) {
                context.environment().err().println("warning: the identity file " + file + " is readable by others: "
                        + "anyone who can read it can decrypt every backup encrypted to it; chmod 600 " + file);
                context.environment().err().flush();
            }
        } catch (IOException e) {
            // the decryption reports a file it cannot read
        }
    }
}
