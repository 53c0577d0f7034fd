package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.Message;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

import java.util.Set;

/**
 * One command with a reply, as one Gatling request named after the command: sent on the user's connection,
 * timed from send to reply, OK when the reply passes the check.
 */
final class CommandAction extends ChatAction {
    /** Builds the command for a user; may also register what the command should make others receive. */
    interface MessageFactory {
        Message build(Session session, ChatConnection connection);
    }

    /** Null when the reply is acceptable, else why not. */
    interface ReplyCheck {
        String check(Message reply);
    }

    private final String request;
    private final MessageFactory factory;
    private final Set<String> replyCmds;
    private final ReplyCheck check;
    private final String notificationKey;
    private final El notificationSubject;

    CommandAction(String request, MessageFactory factory, Set<String> replyCmds, ReplyCheck check,
                  String notificationKey, El notificationSubject, ChatComponents components, Action next) {
        super("chat " + request, components, next);
        this.request = request;
        this.factory = factory;
        this.replyCmds = replyCmds;
        this.check = check;
        this.notificationKey = notificationKey;
        this.notificationSubject = notificationSubject;
    }

    @Override
    public void execute(Session session) {
        ChatConnection conn = connectionOrFail(session, request);
        if (conn == null) {
            return;
        }
        long start = Micros.now();
        Message command;
        try {
            command = factory.build(session, conn);
            if (notificationKey != null) {
                LoadMetrics.current().notificationClock()
                        .put(notificationKey + "/" + notificationSubject.eval(session), start);
            }
        } catch (El.ElException e) {
            complete(session, request, start, start, e.getMessage());
            return;
        }
        conn.request(command, replyCmds, components.protocol().replyTimeout(), reply -> {
            String failure = check.check(reply);
            complete(session, request, start, Micros.now(), failure);
        }, why -> {
            complete(session, request, start, Micros.now(), why);
        });
    }
}
