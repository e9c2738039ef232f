package dev.lifeboat.cli.settings;

import dev.lifeboat.domain.model.RepositorySetting;
import java.util.Objects;
import java.util.Optional;

/**
 * A setting a kind of repository declares (an object store's endpoint), with the value in effect and where it came
 * from, when anything sets it.
 *
 * @param setting  the declared setting
 * @param resolved its value and source: an environment variable or a line of the configuration file
 */
public record RepositorySettingInEffect(RepositorySetting setting, Optional<Resolved<String>> resolved) {

    /** How a secret's value is shown, wherever it is shown. */
    static final String MASK = "****";

    public RepositorySettingInEffect {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(resolved, "resolved");
    }

    /** The value as it may be shown to anyone: a secret only as {@value #MASK}. */
    public Optional<String> shownValue() {
        return resolved.map(value -> setting.secret() ? MASK : value.value());
    }
}
