package io.chatspec.protocol.client;

import io.chatspec.protocol.Message;
import io.chatspec.protocol.framing.Frame;

/**
 * Callbacks on the client's event loop, for callers that react instead of waiting (the Gatling actions).
 * Implementations must not block.
 */
public interface ClientListener {
    default void onMessage(ChatClient client, Message message) {
    }

    /** Bytes from the server that are not a JSON object (garbage, truncated or oversized). */
    default void onMalformed(ChatClient client, Frame frame, String reason) {
    }

    default void onClosed(ChatClient client) {
    }

    ClientListener NONE = new ClientListener() {
    };
}
