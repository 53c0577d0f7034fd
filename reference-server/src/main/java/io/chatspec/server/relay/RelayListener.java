package io.chatspec.server.relay;

import io.chatspec.server.domain.TransferId;

/** How a transfer's fate reaches the control side. Called on relay event loops; each at most once per transfer. */
public interface RelayListener {
    /** Listening on {@code port}; the parties may connect. */
    void opened(TransferId transfer, int port);

    /** No port could be bound. */
    void rejected(TransferId transfer);

    /** Both parties did not connect in time; everything is closed and the port is free again. */
    void timedOut(TransferId transfer);

    /** Both parties connected and both connections are closed again, whether all bytes went through or not. */
    void ended(TransferId transfer, long bytesRelayed, boolean complete);
}
