package io.chatspec.conformance.runner;

import io.chatspec.protocol.options.Durations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The target's resource limits as the harness is told them ({@code --limits}), for the LIMIT cases (PROTOCOL.md
 * section 17). A value the harness was not told is 0 or null, and the case that needs it is SKIPPED.
 *
 * @param connections      the connection limit (LIMIT-1)
 * @param messageDeadline  how long a message may stay unfinished (LIMIT-2)
 * @param loginDeadline    how long a connection may stay without a logged-in user (LIMIT-3)
 * @param readDeadline     how long a queue may go without shrinking before its client counts as not reading (LIMIT-4)
 * @param nameLength       the longest name, in code points (LIMIT-5)
 * @param transfersPerUser open transfers one user may have (LIMIT-6)
 */
public record LimitSettings(int connections, Duration messageDeadline, Duration loginDeadline, Duration readDeadline,
                            int nameLength, int transfersPerUser) {
    public static final LimitSettings UNKNOWN = new LimitSettings(0, null, null, null, 0, 0);

    /**
     * {@code connections=512,message-deadline=3s,login-deadline=10s,read-deadline=3s,name-length=64,
     * transfers-per-user=4}; any subset, in any order.
     */
    public static LimitSettings parse(String text) {
        LimitSettings l = UNKNOWN;
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
                    case "connections" -> new LimitSettings(Integer.parseInt(value), l.messageDeadline,
                            l.loginDeadline, l.readDeadline, l.nameLength, l.transfersPerUser);
                    case "message-deadline" -> new LimitSettings(l.connections, Durations.parse(value),
                            l.loginDeadline, l.readDeadline, l.nameLength, l.transfersPerUser);
                    case "login-deadline" -> new LimitSettings(l.connections, l.messageDeadline,
                            Durations.parse(value), l.readDeadline, l.nameLength, l.transfersPerUser);
                    case "read-deadline" -> new LimitSettings(l.connections, l.messageDeadline, l.loginDeadline,
                            Durations.parse(value), l.nameLength, l.transfersPerUser);
                    case "name-length" -> new LimitSettings(l.connections, l.messageDeadline, l.loginDeadline,
                            l.readDeadline, Integer.parseInt(value), l.transfersPerUser);
                    case "transfers-per-user" -> new LimitSettings(l.connections, l.messageDeadline,
                            l.loginDeadline, l.readDeadline, l.nameLength, Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("unknown limit '" + key + "' (known: connections, "
                            + "message-deadline, login-deadline, read-deadline, name-length, transfers-per-user)");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit " + key + ": '" + value + "' is not a number");
            }
        }
        return l;
    }

    /** For the run's recorded options. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", connections);
        m.put("messageDeadlineMs", messageDeadline == null ? 0 : messageDeadline.toMillis());
        m.put("loginDeadlineMs", loginDeadline == null ? 0 : loginDeadline.toMillis());
        m.put("readDeadlineMs", readDeadline == null ? 0 : readDeadline.toMillis());
        m.put("nameLength", nameLength);
        m.put("transfersPerUser", transfersPerUser);
        return m;
    }
}
