package io.chatspec.load.gatling;

import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.Messages;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * {@code offline}: a successful one gets no reply (OFF-9), so the request is timed to the flushed write; what it
 * causes is measured where it lands, as {@code deliver friend_offline} at the friends.
 */
final class OfflineAction extends ConnectedAction<String> {
    private final El user;
    private final boolean timeNotification;

    OfflineAction(El user, boolean timeNotification, ChatComponents components, Action next) {
        super("chat offline", "offline", components, next);
        this.user = user;
        this.timeNotification = timeNotification;
    }

    @Override
    protected String evaluate(Session session, ChatConnection conn, long startMicros) {
        return user.eval(session);
    }

    @Override
    protected void run(Session session, ChatConnection conn, long start, String u) {
        if (timeNotification) {
            components.metrics().notificationClock().put("friend_offline/" + u, start);
        }
        conn.sendOneWay(Messages.offline(u), failure -> {
            complete(session, "offline", start, Micros.now(), failure);
        });
    }
}
