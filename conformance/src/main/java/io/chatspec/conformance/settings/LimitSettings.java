package io.chatspec.conformance.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The target's resource limits as the harness is told them ({@code --limits}, parsed by the CLI), for the LIMIT
 * cases (PROTOCOL.md section 17). A value the harness was not told is 0 or null, and the case that needs it is SKIPPED.
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
