package io.chatspec.conformance.cli;

import io.chatspec.conformance.settings.LimitSettings;
import io.chatspec.protocol.options.Durations;

import java.util.Locale;

/** {@code --limits}: the target's resource limits as KEY=VALUE pairs. */
final class LimitsOption {
    private LimitsOption() {
    }

    /**
     * {@code connections=512,message-deadline=3s,login-deadline=10s,read-deadline=3s,name-length=64,
     * transfers-per-user=4}; any subset, in any order.
     */
    static LimitSettings parse(String text) {
        LimitSettings l = LimitSettings.UNKNOWN;
        if (text == null || text.isBlank()) {
            return l;
        }
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("limit '" + part + "' is not KEY=VALUE");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            try {
                l = switch (key) {
                    case "connections" -> new LimitSettings(Integer.parseInt(value), l.messageDeadline(),
                            l.loginDeadline(), l.readDeadline(), l.nameLength(), l.transfersPerUser());
                    case "message-deadline" -> new LimitSettings(l.connections(), Durations.parse(value),
                            l.loginDeadline(), l.readDeadline(), l.nameLength(), l.transfersPerUser());
                    case "login-deadline" -> new LimitSettings(l.connections(), l.messageDeadline(),
                            Durations.parse(value), l.readDeadline(), l.nameLength(), l.transfersPerUser());
                    case "read-deadline" -> new LimitSettings(l.connections(), l.messageDeadline(), l.loginDeadline(),
                            Durations.parse(value), l.nameLength(), l.transfersPerUser());
                    case "name-length" -> new LimitSettings(l.connections(), l.messageDeadline(), l.loginDeadline(),
                            l.readDeadline(), Integer.parseInt(value), l.transfersPerUser());
                    case "transfers-per-user" -> new LimitSettings(l.connections(), l.messageDeadline(),
                            l.loginDeadline(), l.readDeadline(), l.nameLength(), Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("unknown limit '" + key + "' (known: connections, "
                            + "message-deadline, login-deadline, read-deadline, name-length, transfers-per-user)");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit " + key + ": '" + value + "' is not a number");
            }
        }
        return l;
    }
}
