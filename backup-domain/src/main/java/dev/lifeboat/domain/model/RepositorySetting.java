package dev.lifeboat.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * A setting a kind of repository declares (an object store's endpoint or region), so that the command line can
 * resolve it without knowing the kind: from the environment variables, in their order, then from the configuration
 * file's table named after the repository kind.
 *
 * @param name                 the key in the configuration file's table ({@code endpoint})
 * @param environmentVariables the variables that set it, the first set one winning ({@code LIFEBOAT_S3_ENDPOINT})
 * @param description          what it means, for help and {@code config check}
 * @param secret               whether its value is shown only as {@code ****}
 */
public record RepositorySetting(String name, List<String> environmentVariables, String description, boolean secret) {

    public RepositorySetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        environmentVariables = List.copyOf(environmentVariables);
    }
}
