package io.chatspec.conformance.cases;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.table.CommandSpec;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.protocol.table.FieldKind;
import io.chatspec.protocol.table.FieldSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Robustness probes derived from the protocol's {@link CommandTable}: one per command and field, so a new command is
 * probed by the ERR cases (and FRAME-13) as soon as it has a row in the table, without editing a list here.
 */
final class TableProbes {
    /** ERR-7's "for example a number or null where a string is required". */
    static final List<Object> WRONG_STRING_TYPES = Arrays.asList(5, null);

    private TableProbes() {
    }

    /** A command the server must reject because of {@code field}, and the reply it must reject it with. */
    record Probe(CommandSpec command, String field, Message message) {
        String reply() {
            return command.reply();
        }
    }

    /**
     * A well-formed instance of the command: its acting user is {@code self}, every other name is {@code other},
     * text is {@code "t"} and a length is 1 (a JSON string as the seed writes it, or a number).
     */
    static Message wellFormed(CommandSpec c, String self, String other, boolean numericLength) {
        Message m = Message.of(c.cmd());
        for (FieldSpec f : c.fields()) {
            m = m.with(f.name(), switch (f.kind()) {
                case NAME -> f.name().equals(c.actor()) ? self : other;
                case TEXT -> "t";
                case LENGTH -> numericLength ? (Object) 1 : "1";
            });
        }
        return m;
    }

    /** A well-formed instance of every command of the table, in table order. */
    static List<Message> wellFormedAll(String self, String other, boolean numericLength) {
        return CommandTable.COMMANDS.stream().map(c -> wellFormed(c, self, other, numericLength)).toList();
    }

    /** ERR-6: every command once per field it requires, with that field left out. */
    static List<Probe> missingFields(String self, String other, boolean numericLength) {
        List<Probe> out = new ArrayList<>();
        for (CommandSpec c : CommandTable.COMMANDS) {
            Message m = wellFormed(c, self, other, numericLength);
            c.fields().forEach(f -> out.add(new Probe(c, f.name(), m.without(f.name()))));
        }
        return out;
    }

    /**
     * ERR-7: every command once per string field (names and text) and wrong type. A length's wrong types are ERR-8's
     * business (a length may be a number or a string).
     */
    static List<Probe> wrongTypes(String self, String other, boolean numericLength) {
        List<Probe> out = new ArrayList<>();
        for (CommandSpec c : CommandTable.COMMANDS) {
            Message m = wellFormed(c, self, other, numericLength);
            for (FieldSpec f : c.fields()) {
                if (f.kind() != FieldKind.LENGTH) {
                    WRONG_STRING_TYPES.forEach(w -> out.add(new Probe(c, f.name(), m.with(f.name(), w))));
                }
            }
        }
        return out;
    }

    /** ERR-9: every command once per name field, with that name empty. */
    static List<Probe> emptyNames(String self, String other, boolean numericLength) {
        List<Probe> out = new ArrayList<>();
        for (CommandSpec c : CommandTable.COMMANDS) {
            Message m = wellFormed(c, self, other, numericLength);
            c.fields().stream().filter(f -> f.kind() == FieldKind.NAME)
                    .forEach(f -> out.add(new Probe(c, f.name(), m.with(f.name(), ""))));
        }
        return out;
    }
}
