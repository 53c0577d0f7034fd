package io.chatspec.server.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.protocol.Message;

import java.math.BigInteger;
import java.util.OptionalLong;

/** Field checks shared by the commands: what counts as well-formed input (ERR rules). */
final class Fields {
    private static final BigInteger MAX_LENGTH = BigInteger.valueOf(Long.MAX_VALUE);

    private Fields() {
    }

    /** A user or group name: a non-empty JSON string, or null when the field is unusable. */
    static String name(Message m, String field) {
        String v = m.text(field);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Free text (passwords, chat text, file names): any JSON string, empty included. */
    static String text(Message m, String field) {
        return m.text(field);
    }

    /**
     * A file length: a non-negative integer, as a JSON number or as a string of decimal digits (the seed sends
     * {@code "10000"}). Anything else, including {@code 1.5}, {@code "1e3"}, {@code "-1"} and {@code "+5"}, is
     * empty.
     */
    static OptionalLong length(Message m, String field) {
        JsonNode v = m.get(field);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.isIntegralNumber()) {
            return fits(v.bigIntegerValue());
        }
        if (v.isTextual()) {
            String s = v.textValue();
            if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.empty();
            }
            return fits(new BigInteger(s));
        }
        return OptionalLong.empty();
    }

    private static OptionalLong fits(BigInteger n) {
        return n.signum() < 0 || n.compareTo(MAX_LENGTH) > 0 ? OptionalLong.empty() : OptionalLong.of(n.longValue());
    }
}
