package io.chatspec.protocol;

import static io.chatspec.protocol.Commands.*;

/** Factories for the client commands of the seed text, spelled exactly as the seed writes them. */
public final class Messages {
    private Messages() {
    }

    public static Message register(String user, String password) {
        return Message.of(REGISTER, "user", user, "password", password);
    }

    public static Message login(String user, String password) {
        return Message.of(LOGIN, "user", user, "password", password);
    }

    public static Message add(String user, String friend) {
        return Message.of(ADD, "user", user, "friend", friend);
    }

    public static Message createGroup(String user, String group) {
        return Message.of(CREATE_GROUP, "user", user, "group", group);
    }

    public static Message addGroup(String user, String group) {
        return Message.of(ADD_GROUP, "user", user, "group", group);
    }

    public static Message privateChat(String from, String to, String text) {
        return Message.of(PRIVATE_CHAT, "user_from", from, "user_to", to, "text", text);
    }

    public static Message groupChat(String user, String group, String text) {
        return Message.of(GROUP_CHAT, "user", user, "group", group, "text", text);
    }

    public static Message getGroupMember(String group) {
        return Message.of(GET_GROUP_MEMBER, "group", group);
    }

    public static Message offline(String user) {
        return Message.of(OFFLINE, "user", user);
    }

    /** {@code length} goes out as a JSON string, as the seed writes it. */
    public static Message sendFile(String from, String to, long length, String filename) {
        return Message.of(SEND_FILE, "from_user", from, "to_user", to, "length", Long.toString(length),
                "filename", filename);
    }

    /** For servers that only take numbers: {@code length} as a JSON number. */
    public static Message sendFileNumericLength(String from, String to, long length, String filename) {
        return Message.of(SEND_FILE, "from_user", from, "to_user", to, "length", length, "filename", filename);
    }

    /** A {@code *_reply} with just a result, the commonest server message. */
    public static Message reply(String replyCmd, String result) {
        return Message.of(replyCmd, "result", result);
    }
}
