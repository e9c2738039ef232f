package dev.lifeboat.cli.settings;

import dev.lifeboat.cli.output.Environment;
import dev.lifeboat.domain.config.Configured;
import dev.lifeboat.domain.config.SecretReference;
import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.error.UnavailableException;
import dev.lifeboat.domain.model.Secret;
import dev.lifeboat.domain.spi.IoFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Turns a configured password reference into the password, at the moment it is needed and never sooner. */
public final class SecretResolver {

    private final Environment environment;

    public SecretResolver(Environment environment) {
        this.environment = environment;
    }

    public Secret resolve(Configured<SecretReference> configured) {
        SecretReference reference = configured.value();
        if (reference instanceof SecretReference.Literal literal) {
            return literal.secret();
        }
        if (reference instanceof SecretReference.FromEnvironment variable) {
            return environment.variable(variable.variable()).map(Secret::of)
                    .orElseThrow(() -> new InvalidUsageException(configured.origin() + ": the environment variable "
                            + variable.variable() + " is not set"));
        }
        SecretReference.FromFile file = (SecretReference.FromFile) reference;
        try {
            // a secret file usually ends with a newline that is not part of the password
            return Secret.of(Files.readString(file.file(), StandardCharsets.UTF_8).stripTrailing());
        } catch (IOException e) {
            throw new UnavailableException(configured.origin() + ": cannot read the password file " + file.file()
                    + ": " + IoFailures.describe(e), e);
        }
    }

    /** How a reference reads in `config check`: never the secret, but whether it can be found. */
    public String describe(Configured<SecretReference> configured) {
        SecretReference reference = configured.value();
        if (reference instanceof SecretReference.FromEnvironment variable) {
            return reference + (environment.variable(variable.variable()).isPresent() ? " (set)" : " (NOT SET)");
        }
        if (reference instanceof SecretReference.FromFile file) {
            return reference + (Files.isReadable(file.file()) ? " (readable)" : " (NOT READABLE)");
        }
        return "**** (written in the file)";
    }
}
