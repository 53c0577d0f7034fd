package io.chatspec.server.domain;

import io.chatspec.protocol.Message;

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
}
