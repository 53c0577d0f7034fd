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
final class CommandAction extends ConnectedAction<Message> {
    /**
     * Builds the command for a user; may also register in {@code metrics} what the command should make others
     * receive (messages sent, fan-out expected).
     */
    interface MessageFactory {
        Message build(Session session, ChatConnection connection, LoadMetrics metrics);
    }

    /** Null when the reply is acceptable, else why not. */
    interface ReplyCheck {
        String check(Message reply);
    }

    private final MessageFactory factory;
    private final Set<String> replyCmds;
    private final ReplyCheck check;
    private final String notificationKey;
    private final El notificationSubject;

    CommandAction(String request, MessageFactory factory, Set<String> replyCmds, ReplyCheck check,
                  String notificationKey, El notificationSubject, ChatComponents components, Action next) {
        super("chat " + request, request, components, next);
        this.factory = factory;
        this.replyCmds = replyCmds;
        this.check = check;
        this.notificationKey = notificationKey;
        this.notificationSubject = notificationSubject;
    }

    @Override
    protected Message evaluate(Session session, ChatConnection conn, long startMicros) {
        Message command = factory.build(session, conn, components.metrics());
        if (notificationKey != null) {
            components.metrics().notificationClock()
                    .put(notificationKey + "/" + notificationSubject.eval(session), startMicros);
        }
        return command;
    }

    @Override
    protected void run(Session session, ChatConnection conn, long start, Message command) {
        conn.request(command, replyCmds, components.protocol().replyTimeout(), reply -> {
            String failure = check.check(reply);
            complete(session, request(), start, Micros.now(), failure);
        }, why -> {
            complete(session, request(), start, Micros.now(), why);
        });
    }
}
