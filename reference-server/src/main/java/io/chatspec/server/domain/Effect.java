package io.chatspec.server.domain;

import io.chatspec.protocol.Message;

import java.time.Duration;

/** What the domain asks the edge to do; executed in list order. */
public sealed interface Effect {

    /** Write one message to a connection. */
    record Send(SessionId to, Message message) implements Effect {
    }

    /** Close a connection after everything already sent to it has been written. */
    record Close(SessionId session) implements Effect {
    }

    /**
     * Reserve a relay port for a transfer of {@code length} bytes; the edge answers with
     * {@link ChatDomain#transferOpened}, or {@link ChatDomain#transferRejected} when no port is free.
     */
    record OpenTransfer(TransferId transfer, long length) implements Effect {
    }

    /**
     * Hash a new account's password (slow, so off the domain's thread) and answer with
     * {@link ChatDomain#passwordHashed}. The session's later commands wait until then.
     */
    record HashPassword(SessionId session, String user, String password) implements Effect {
        @Override
        public String toString() {
            return "HashPassword[" + session + ", " + user + "]";
        }
    }

    /**
     * Wait {@code delay} (login throttling), then check {@code password} against {@code storedHash} off the
     * domain's thread and answer with {@link ChatDomain#passwordChecked}. The session's later commands wait.
     */
    record VerifyPassword(SessionId session, String user, String password, String storedHash, Duration delay)
            implements Effect {
        @Override
        public String toString() {
            return "VerifyPassword[" + session + ", " + user + ", delay " + delay + "]";
        }
    }
}
