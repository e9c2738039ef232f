package dev.lifeboat.cli.command;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.model.Recipient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat key generate}: a new identity file, and its public key. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Write a new identity (secret key) file and print its public key.",
        description = {"Writes a new X25519 identity to FILE in age-keygen's format (readable by you alone, mode 0600) "
                + "and prints its recipient, the public key to give to 'lifeboat backup --encrypt-to' or to "
                + "[encryption] recipients. The identity never leaves the file: keep it off the host that backs up, "
                + "and keep a copy somewhere safe; without it no backup encrypted to it can be read.",
                "An existing FILE is never replaced (exit 7). Identity files made by age-keygen work the same."},
        footer = {"", "Examples:",
                "  lifeboat key generate -o /secure/lifeboat-key.txt",
                "  lifeboat backup app.db --encrypt-to \"$(lifeboat key generate -o key.txt)\""})
final class KeyGenerateCommand extends LifeboatSubcommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "Where to write the identity; must not exist.")
    String identityFile;

    @Override
    public Integer call() {
        Path file = context().environment().workingDirectory().resolve(identityFile).normalize();
        Recipient recipient = context().adapters().encryption().orElseThrow(() -> new InvalidUsageException(
                "this lifeboat was built without an encryption adapter")).generateIdentity(file);
        if (output.json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("ok", true);
            document.put("command", "key generate");
            document.put("identityFile", file.toString());
            document.put("recipient", recipient.value());
            printJson(document);
        } else {
            out().println(recipient.value());
            out().flush();
            notice("wrote the identity to " + file + " (mode 0600); its public key is above");
        }
        return 0;
    }
}
