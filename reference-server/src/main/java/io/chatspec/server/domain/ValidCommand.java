package io.chatspec.server.domain;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.FieldSpec;

import java.util.List;

/**
 * A command whose fields passed the checks its {@link CommandSpec} row asks for: every field is present and of its
 * kind, names within the length limit. Handlers read the checked values from here, so none of them repeats a check.
 */
final class ValidCommand {
    private final CommandSpec spec;
    private final Message message;
    /** One value per {@link CommandSpec#fields()} entry, same order: String for names and text, Long for lengths. */
    private final Object[] values;

    ValidCommand(CommandSpec spec, Message message, Object[] values) {
        this.spec = spec;
        this.message = message;
        this.values = values;
    }

    CommandSpec spec() {
        return spec;
    }

    /** The command as it came (for what goes back verbatim, such as a file length's JSON type). */
    Message message() {
        return message;
    }

    /** A name or text field. */
    String text(String field) {
        return (String) value(field);
    }

    /** A length field. */
    long length(String field) {
        return (Long) value(field);
    }

    /** The acting user's name; only for a command whose row names an actor field. */
    String actor() {
        return text(spec.actor());
    }

    private Object value(String field) {
        List<FieldSpec> fields = spec.fields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException(spec.cmd() + " has no field " + field);
    }
}
