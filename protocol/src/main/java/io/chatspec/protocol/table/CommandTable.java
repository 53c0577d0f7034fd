package io.chatspec.protocol.table;

import io.chatspec.protocol.Commands;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.chatspec.protocol.Commands.*;
import static io.chatspec.protocol.table.FieldKind.LENGTH;
import static io.chatspec.protocol.table.FieldKind.NAME;
import static io.chatspec.protocol.table.FieldKind.TEXT;

/**
 * The ten commands in one table. Lists elsewhere (the harness's server commands, the load client's
 * notifications, the robustness probes) derive from it, so an eleventh command is one row here plus its handler,
 * its PROTOCOL.md section and its case file (see CONTRIBUTING.md).
 */
public final class CommandTable {
    public static final List<CommandSpec> COMMANDS = List.of(
            new CommandSpec(REGISTER, REGISTER_REPLY, List.of(name("user"), text("password")), null,
                    List.of(), List.of(), 3, "REG"),
            new CommandSpec(LOGIN, LOGIN_REPLY, List.of(name("user"), text("password")), null,
                    List.of(FRIEND_LOGIN), List.of(), 4, "LOGIN"),
            new CommandSpec(ADD, ADD_REPLY, List.of(name("user"), name("friend")), "user",
                    List.of(ADD_FRIEND_REPLY), List.of(), 5, "ADD"),
            new CommandSpec(CREATE_GROUP, CREATE_GROUP_REPLY, List.of(name("user"), name("group")), "user",
                    List.of(), List.of(), 6, "CGROUP"),
            new CommandSpec(ADD_GROUP, ADD_GROUP_REPLY, List.of(name("user"), name("group")), "user",
                    List.of(), List.of(), 7, "JOIN"),
            new CommandSpec(PRIVATE_CHAT, PRIVATE_CHAT_REPLY, List.of(name("user_from"), name("user_to"), text("text")),
                    "user_from", List.of(PRIVATE_CHAT), List.of(), 8, "PRIV"),
            new CommandSpec(GROUP_CHAT, GROUP_CHAT_REPLY, List.of(name("user"), name("group"), text("text")), "user",
                    List.of(GROUP_CHAT), List.of(), 9, "GCHAT"),
            new CommandSpec(GET_GROUP_MEMBER, GET_GROUP_MEMBER_REPLY, List.of(name("group")), null,
                    List.of(), List.of(), 10, "MEMBER"),
            new CommandSpec(OFFLINE, OFFLINE_REPLY, List.of(name("user")), "user",
                    List.of(FRIEND_OFFLINE), List.of(), 11, "OFF"),
            new CommandSpec(SEND_FILE, SEND_FILE_REPLY,
                    List.of(name("from_user"), name("to_user"), new FieldSpec("length", LENGTH), text("filename")),
                    "from_user", List.of(RECV_FILE_PORT_REPLY), List.of(SEND_FILE_PORT_REPLY), 12, "FILE"));

    private CommandTable() {
    }

    public static Optional<CommandSpec> byCmd(String cmd) {
        return COMMANDS.stream().filter(c -> c.cmd().equals(cmd)).findFirst();
    }

    /** Every {@code cmd} a server may send: replies, notices, forwards, follow-ups and the error extension. */
    public static Set<String> serverCmds() {
        Set<String> out = new LinkedHashSet<>();
        for (CommandSpec c : COMMANDS) {
            out.add(c.reply());
            out.addAll(c.notices());
            out.addAll(c.followUps());
        }
        out.add(Commands.ERROR);
        return Set.copyOf(out);
    }

    /** The messages that arrive on a connection without being asked for: notices and forwards. */
    public static Set<String> notices() {
        Set<String> out = new LinkedHashSet<>();
        COMMANDS.forEach(c -> out.addAll(c.notices()));
        return Set.copyOf(out);
    }

    private static FieldSpec name(String field) {
        return new FieldSpec(field, NAME);
    }

    private static FieldSpec text(String field) {
        return new FieldSpec(field, TEXT);
    }
}
