package io.chatspec.protocol.options;

import picocli.CommandLine;

import java.time.Duration;

/** picocli's view of {@link Durations}, for every chatspec CLI's duration options. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            // picocli prints this message as is: it names the value and the accepted forms
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
