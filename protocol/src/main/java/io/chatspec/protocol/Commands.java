package io.chatspec.protocol;

/** The {@code cmd} values of the protocol, as spelled in the seed text. */
public final class Commands {
    public static final String REGISTER = "register";
    public static final String REGISTER_REPLY = "register_reply";
    public static final String LOGIN = "login";
    public static final String LOGIN_REPLY = "login_reply";
    public static final String FRIEND_LOGIN = "friend_login";
    public static final String ADD = "add";
    public static final String ADD_REPLY = "add_reply";
    public static final String ADD_FRIEND_REPLY = "add_friend_reply";
    public static final String CREATE_GROUP = "create_group";
    public static final String CREATE_GROUP_REPLY = "create_group_reply";
    public static final String ADD_GROUP = "add_group";
    public static final String ADD_GROUP_REPLY = "add_group_reply";
    public static final String PRIVATE_CHAT = "private_chat";
    public static final String PRIVATE_CHAT_REPLY = "private_chat_reply";
    public static final String GROUP_CHAT = "group_chat";
    public static final String GROUP_CHAT_REPLY = "group_chat_reply";
    public static final String GET_GROUP_MEMBER = "get_group_member";
    public static final String GET_GROUP_MEMBER_REPLY = "get_group_member_reply";
    public static final String OFFLINE = "offline";
    /** Extension: only sent to reject a malformed or unauthorised {@code offline}; the seed defines no reply. */
    public static final String OFFLINE_REPLY = "offline_reply";
    public static final String FRIEND_OFFLINE = "friend_offline";
    public static final String SEND_FILE = "send_file";
    public static final String SEND_FILE_REPLY = "send_file_reply";
    public static final String SEND_FILE_PORT_REPLY = "send_file_port_reply";
    public static final String RECV_FILE_PORT_REPLY = "recv_file_port_reply";
    /** Extension: protocol-level errors (bad JSON, unknown command, oversized message). */
    public static final String ERROR = "error";

    private Commands() {
    }

    /** The reply command for a client command ({@code login} -> {@code login_reply}). */
    public static String replyOf(String cmd) {
        return cmd + "_reply";
    }
}
