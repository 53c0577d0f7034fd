package io.chatspec.protocol.options;

import picocli.CommandLine;

/** picocli's view of {@link HostPort}, so a bad address is a usage error before anything connects. */
public final class HostPortConverter implements CommandLine.ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
