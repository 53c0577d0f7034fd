package io.chatspec.protocol.client;

/** Which way a transcript entry went, seen from the client. */
public enum Direction {
    /** The client wrote this to the server. */
    SENT,
    /** The client read this from the server. */
    RECEIVED,
    /** A connection event: connected, closed by the peer, closed by us, error. */
    EVENT
}
