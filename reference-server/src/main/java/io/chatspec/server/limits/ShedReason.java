package io.chatspec.server.limits;

import io.chatspec.protocol.Results;

/** Why the server closed a connection on its own, and what (if anything) it tells the client first. */
public enum ShedReason {
    /** Beyond {@code --max-connections} (LIMIT-1). */
    TOO_MANY_CONNECTIONS(Results.TOO_MANY_CONNECTIONS, "over the connection limit"),
    /** A message stayed unfinished past {@code --message-deadline} (LIMIT-2). */
    MESSAGE_DEADLINE(Results.MESSAGE_TIMEOUT, "unfinished message past the deadline"),
    /** No user logged in within {@code --login-deadline} (LIMIT-3). */
    LOGIN_DEADLINE(Results.LOGIN_TIMEOUT, "no login within the deadline"),
    /**
     * The client does not read: its queue did not shrink for {@code --read-deadline}, or outgrew the per-connection
     * cap (LIMIT-4). Nothing more is written to it; it would not be read.
     */
    NOT_READING(null, "not reading its messages"),
    /** Among the biggest holders while the server's memory budget was (nearly) spent (LIMIT-4). */
    OVER_BUDGET(Results.OVERLOADED, "shed to keep the memory budget");

    private final String result;
    private final String text;

    ShedReason(String result, String text) {
        this.result = result;
        this.text = text;
    }

    /** The {@code result} of the {@code error} message sent before closing, or null to close without one. */
    public String result() {
        return result;
    }

    public String text() {
        return text;
    }
}
