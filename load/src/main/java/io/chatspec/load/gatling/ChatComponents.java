package io.chatspec.load.gatling;

import io.chatspec.load.metrics.LoadMetrics;
import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import io.gatling.netty.util.Transports;
import io.netty.channel.Channel;
import scala.runtime.BoxedUnit;

/**
 * Per-simulation state of the chat protocol, handed to every chat action: Gatling's core, the protocol settings
 * and the run's {@link LoadMetrics} (resolved once here, so recording is a final-field read, not a lookup). A
 * virtual user's connection lives in its session; when the user ends, {@link #onExit()} closes it so no socket
 * outlives its user.
 */
public final class ChatComponents implements ProtocolComponents {
    private final CoreComponents core;
    private final ChatProtocol protocol;
    private final Class<? extends Channel> channelClass;
    private final LoadMetrics metrics;

    ChatComponents(CoreComponents core, ChatProtocol protocol) {
        this.core = core;
        this.protocol = protocol;
        this.channelClass = channelClassOf(core);
        this.metrics = protocol.metrics();
    }

    /**
     * The socket channel class that matches Gatling's event loops (epoll, io_uring or NIO, as configured), so a
     * user's channel can be registered on {@code session.eventLoop()}.
     */
    private static Class<? extends Channel> channelClassOf(CoreComponents core) {
        var netty = core.configuration().netty();
        Channel probe = Transports.newSocketChannelFactory(netty.useNativeTransport(), netty.useIoUring())
                .newChannel();
        try {
            return probe.getClass();
        } finally {
            probe.unsafe().closeForcibly();
        }
    }

    public CoreComponents core() {
        return core;
    }

    public ChatProtocol protocol() {
        return protocol;
    }

    public Class<? extends Channel> channelClass() {
        return channelClass;
    }

    /** This run's measurements: what every action and delivery records into. */
    public LoadMetrics metrics() {
        return metrics;
    }

    @Override
    public scala.Function1<Session, Session> onStart() {
        return session -> session;
    }

    @Override
    public scala.Function1<Session, BoxedUnit> onExit() {
        return session -> {
            ChatConnection c = ChatConnection.of(session);
            if (c != null) {
                c.close();
            }
            return BoxedUnit.UNIT;
        };
    }
}
