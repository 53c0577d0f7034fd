package io.chatspec.conformance.catalog;

import java.util.Optional;

/**
 * One normative bullet of docs/PROTOCOL.md.
 *
 * @param section the heading the rule sits under, e.g. {@code "3. Command 1: register (`register`)"}
 */
public record Rule(String id, Level level, String text, String section) {

    public String prefix() {
        return id.substring(0, id.indexOf('-'));
    }

    public Optional<Extension> extension() {
        return Extension.ofRule(id);
    }
}
