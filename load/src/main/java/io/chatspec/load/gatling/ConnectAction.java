package io.chatspec.load.gatling;

import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.client.ClientOptions;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * Opens the user's TCP connection on the user's own event loop ({@code session.eventLoop()}), so that every
 * callback of the connection runs on the thread that runs the user's actions. Request {@code connect}.
 */
final class ConnectAction extends ChatAction {
    ConnectAction(ChatComponents components, Action next) {
        super("chatConnect", components, next);
    }

    @Override
    public void execute(Session session) {
        long start = Micros.now();
        ChatConnection conn = new ChatConnection(session.eventLoop(),
                new SessionDeliverySink(statsEngine(), components.metrics(), session.scenario(),
                        session.groups()));
        ClientOptions options = ClientOptions.defaults()
                .withEventLoop(session.eventLoop(), components.channelClass())
                .withConnectTimeout(components.protocol().connectTimeout())
                .withInbox(false)
                .withTranscript(false)
                .withListener(conn);
        ChatClient.connectAsync("user-" + session.userId(), components.protocol().target(), options)
                .whenComplete((client, error) -> session.eventLoop().execute(() -> {
                    long end = Micros.now();
                    if (error != null) {
                        String why = "connect failed: " + error.getMessage();
                        complete(session, "connect", start, end, why);
                        return;
                    }
                    conn.attach(client);
                    FastFrameHandler.install(client.channel().pipeline(), conn);
                    report(session, "connect", start, end, null);
                    proceed(session.set(ChatConnection.ATTR, conn), null);
                }));
    }
}
