package dev.lifeboat.domain.config;

import dev.lifeboat.domain.model.Secret;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A password as a configuration file gives it: written out (discouraged), the name of an environment variable
 * ({@code env:NAME}), or a file that holds it ({@code file:PATH}, such as a container secret).
 */
public sealed interface SecretReference {

    /** A password written in the file itself. */
    record Literal(Secret secret) implements SecretReference {
        public Literal {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "****";
        }
    }

    /** {@code env:NAME}. */
    record FromEnvironment(String variable) implements SecretReference {
        public FromEnvironment {
            Objects.requireNonNull(variable, "variable");
        }

        @Override
        public String toString() {
            return "env:" + variable;
        }
    }

    /** {@code file:PATH}. */
    record FromFile(Path file) implements SecretReference {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return "file:" + file;
        }
    }
}
