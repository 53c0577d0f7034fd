package io.chatspec.conformance.catalog;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The reference server's documented extensions (PROTOCOL.md sections 13-17). A server that does not claim one is
 * still tested, but its rules are reported as INFO instead of being judged.
 */
public enum Extension {
    ERR, SESS, EDGE, DURABLE, LIMIT;

    /** The extension a rule ID belongs to, if any ({@code ERR-3} -> ERR, {@code LOGIN-4} -> none). */
    public static Optional<Extension> ofRule(String ruleId) {
        String prefix = ruleId.substring(0, Math.max(0, ruleId.indexOf('-')));
        for (Extension e : values()) {
            if (e.name().equals(prefix)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Parses {@code "ERR,SESS"}, {@code "all"} or {@code "none"}/empty. */
    public static Set<Extension> parseList(String text) {
        EnumSet<Extension> set = EnumSet.noneOf(Extension.class);
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("none")) {
            return set;
        }
        if (text.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Extension.class);
        }
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                try {
                    set.add(valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown extension '" + part + "' (known: ERR, SESS, EDGE, DURABLE, LIMIT)");
                }
            }
        }
        return set;
    }
}
