package io.chatspec.load.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/** Drops the TCP connection without {@code offline} (what a crashing client does); not a request. */
final class CloseAction extends ChatAction {
    CloseAction(ChatComponents components, Action next) {
        super("chat close", components, next);
    }

    @Override
    public void execute(Session session) {
        ChatConnection c = ChatConnection.of(session);
        if (c != null) {
            c.close();
        }
        ResponseBatch.flushCurrent();
        next().$bang(session.remove(ChatConnection.ATTR));
    }
}
