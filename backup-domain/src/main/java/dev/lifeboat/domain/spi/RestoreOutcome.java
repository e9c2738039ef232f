package dev.lifeboat.domain.spi;

import dev.lifeboat.domain.model.VerificationCheck;
import java.util.List;
import java.util.Objects;

/**
 * What an engine reports after a restore whose checks passed. (A check that fails throws instead.)
 *
 * @param target   where the data now is, without any password
 * @param checks   the checks made on the restored data before it replaced anything
 * @param warnings what the user should know, such as foreign-key violations carried over from the source
 */
public record RestoreOutcome(String target, List<VerificationCheck> checks, List<String> warnings) {

    /**
     * Checks that the target is there; the lists are copied.
     *
     * @param target   where the data now is, without any password
     * @param checks   the checks made on the restored data before it replaced anything
     * @param warnings what the user should know, such as foreign-key violations carried over from the source
     */
    public RestoreOutcome {
        Objects.requireNonNull(target, "target");
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }
}
