package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.protocol.table.FieldSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The field checks of every command, derived from its {@link CommandTable} row (ERR and SESS-7 rules, LIMIT-5): each
 * field must be present and of its kind (a name is a non-empty string, text any string, a length a non-negative
 * integer), and no name may be longer than {@link DomainLimits#maxNameLength()}. A command that fails any check
 * gets {@code bad_request} in its reply, whichever check it failed.
 */
final class CommandValidator {
    private final Map<String, CommandSpec> byCmd = new HashMap<>();
    private final int maxNameLength;

    CommandValidator(DomainLimits limits) {
        CommandTable.COMMANDS.forEach(spec -> byCmd.put(spec.cmd(), spec));
        this.maxNameLength = limits.maxNameLength();
    }

    /** The row of a client command, or null for a {@code cmd} the protocol does not have. */
    CommandSpec spec(String cmd) {
        return byCmd.get(cmd);
    }

    /** The checked command, or null when a field is missing, of the wrong kind, or a name is too long. */
    ValidCommand validate(CommandSpec spec, Message m) {
        List<FieldSpec> fields = spec.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            FieldSpec field = fields.get(i);
            Object value = switch (field.kind()) {
                case NAME -> name(m, field.name());
                case TEXT -> Fields.text(m, field.name());
                case LENGTH -> {
                    OptionalLong n = Fields.length(m, field.name());
                    yield n.isPresent() ? n.getAsLong() : null;
                }
            };
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        return new ValidCommand(spec, m, values);
    }

    private String name(Message m, String field) {
        String v = Fields.name(m, field);
        // Code points, not UTF-16 units: a name of 64 Chinese characters or emoji is 64 long.
        if (v != null && v.length() > maxNameLength && v.codePointCount(0, v.length()) > maxNameLength) {
            return null;
        }
        return v;
    }
}
