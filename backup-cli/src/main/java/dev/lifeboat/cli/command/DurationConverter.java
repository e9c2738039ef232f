package dev.lifeboat.cli.command;

import dev.lifeboat.domain.error.InvalidUsageException;
import dev.lifeboat.domain.policy.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads durations as people write them (see {@link Durations}) for picocli options. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (InvalidUsageException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
