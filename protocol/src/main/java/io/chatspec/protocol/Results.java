package io.chatspec.protocol;

/** The {@code result} values used by the seed text and by chatspec's documented extensions. */
public final class Results {
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    public static final String USER_NOT_EXIST = "user_not_exist";
    public static final String PASSWORD_ERROR = "password_error";
    public static final String ALREADY_FRIEND = "already_friend";
    public static final String GROUP_EXIST = "group_exist";
    public static final String GROUP_NOT_EXIST = "group_not_exist";
    public static final String USER_IN_GROUP = "user_in_group";
    public static final String OFFLINE = "offline";
    public static final String TIMEOUT = "timeout";

    // Extensions (docs/PROTOCOL.md, ERR-*, SESS-*, EDGE-*).
    public static final String BAD_JSON = "bad_json";
    public static final String UNKNOWN_CMD = "unknown_cmd";
    public static final String BAD_REQUEST = "bad_request";
    public static final String TOO_LARGE = "too_large";
    public static final String NOT_LOGGED_IN = "not_logged_in";
    public static final String PERMISSION_DENIED = "permission_denied";
    public static final String NOT_IN_GROUP = "not_in_group";
    public static final String BUSY = "busy";

    // Resource limits (docs/PROTOCOL.md, LIMIT-*): sent in an error message just before the server closes.
    public static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    public static final String MESSAGE_TIMEOUT = "message_timeout";
    public static final String LOGIN_TIMEOUT = "login_timeout";
    public static final String OVERLOADED = "overloaded";

    /** Every result value above: a value outside it is not a protocol word (a misspelling, say). */
    public static final java.util.Set<String> ALL = java.util.Set.of(SUCCESS, FAILURE, USER_NOT_EXIST, PASSWORD_ERROR,
            ALREADY_FRIEND, GROUP_EXIST, GROUP_NOT_EXIST, USER_IN_GROUP, OFFLINE, TIMEOUT, BAD_JSON, UNKNOWN_CMD,
            BAD_REQUEST, TOO_LARGE, NOT_LOGGED_IN, PERMISSION_DENIED, NOT_IN_GROUP, BUSY, TOO_MANY_CONNECTIONS,
            MESSAGE_TIMEOUT, LOGIN_TIMEOUT, OVERLOADED);

    private Results() {
    }
}
