package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.Messages;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * {@code offline}: a successful one gets no reply (OFF-9), so the request is timed to the flushed write; what it
 * causes is measured where it lands, as {@code deliver friend_offline} at the friends.
 */
final class OfflineAction extends ChatAction {
    private final El user;
    private final boolean timeNotification;

    OfflineAction(El user, boolean timeNotification, ChatComponents components, Action next) {
        super("chat offline", components, next);
        this.user = user;
        this.timeNotification = timeNotification;
    }

    @Override
    public void execute(Session session) {
        ChatConnection conn = connectionOrFail(session, "offline");
        if (conn == null) {
            return;
        }
        long start = Micros.now();
        String u;
        try {
            u = user.eval(session);
        } catch (El.ElException e) {
            complete(session, "offline", start, start, e.getMessage());
            return;
        }
        if (timeNotification) {
            LoadMetrics.current().notificationClock().put("friend_offline/" + u, start);
        }
        conn.sendOneWay(Messages.offline(u), failure -> {
            complete(session, "offline", start, Micros.now(), failure);
        });
    }
}
