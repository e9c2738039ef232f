package dev.lifeboat.domain.model;

import java.util.Objects;
import java.util.Optional;

/** What a repository remembers of an archive's last verification. */
public sealed interface LastVerification {

    /** The record, when there is one that can be trusted. */
    default Optional<VerificationRecord> record() {
        return this instanceof Recorded recorded ? Optional.of(recorded.verification()) : Optional.empty();
    }

    /** No verification was ever recorded. */
    record Never() implements LastVerification {
    }

    /**
     * A record that was found and checked.
     *
     * @param verification what it says
     */
    record Recorded(VerificationRecord verification) implements LastVerification {

        public Recorded {
            Objects.requireNonNull(verification, "verification");
        }
    }

    /**
     * A record that is there but not trusted: damaged (its checksum does not match), written by a newer lifeboat, or
     * about another archive of the same name. The archive counts as never verified.
     *
     * @param reason why it is ignored
     */
    record Ignored(String reason) implements LastVerification {

        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
