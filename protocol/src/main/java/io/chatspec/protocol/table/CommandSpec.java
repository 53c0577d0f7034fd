package io.chatspec.protocol.table;

import java.util.List;

/**
 * One client command of the protocol.
 *
 * @param cmd        the client's {@code cmd}
 * @param reply      the {@code cmd} of the reply to the sender ({@code offline} has one only for errors)
 * @param fields     the fields the client sends, in seed order
 * @param actor      the field naming the acting user, or null when the command needs no login
 * @param notices    messages the command causes on other users' connections (notices and forwards)
 * @param followUps  further messages to the sender after the reply (the file relay port)
 * @param section    the PROTOCOL.md section that specifies it
 * @param rulePrefix the prefix of its rule IDs in PROTOCOL.md, which also names its case file
 */
public record CommandSpec(String cmd, String reply, List<FieldSpec> fields, String actor, List<String> notices,
                          List<String> followUps, int section, String rulePrefix) {
    public CommandSpec {
        fields = List.copyOf(fields);
        notices = List.copyOf(notices);
        followUps = List.copyOf(followUps);
    }

    public List<String> fieldNames() {
        return fields.stream().map(FieldSpec::name).toList();
    }
}
