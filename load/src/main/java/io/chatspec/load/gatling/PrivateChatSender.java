package io.chatspec.load.gatling;

import io.chatspec.load.delivery.DeliveryText;
import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.metrics.Micros;
import io.chatspec.load.wire.FrameFields;
import io.chatspec.load.wire.PrivateChatWire;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.Messages;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One user's measured private messages to one partner, for {@link PacedCommandsAction}: the sequence counter is
 * looked up once, and with the fast path on each message is encoded straight to bytes ({@link PrivateChatWire})
 * and its success reply read without a tree; with it off, each is a {@link Message} as {@code privateChat} sends.
 */
final class PrivateChatSender implements PacedCommandsAction.Sender {
    private static final byte[] OK_REPLY = FrameFields.ascii(Commands.replyOf(Commands.PRIVATE_CHAT));
    private final ChatConnection connection;
    private final LoadMetrics metrics;
    private final String from;
    private final String to;
    private final int textSize;
    private final ChatConnection.Sequence sequence;
    private final PrivateChatWire wire;

    PrivateChatSender(ChatConnection connection, LoadMetrics metrics, String from, String to, int textSize) {
        this.connection = connection;
        this.metrics = metrics;
        this.from = from;
        this.to = to;
        this.textSize = textSize;
        this.sequence = connection.sequence("p/" + to);
        this.wire = FastFrameHandler.enabled() ? new PrivateChatWire(from, to, textSize) : null;
    }

    @Override
    public void send(Set<String> replyCmds, Duration timeout, Runnable onOk, Consumer<Message> onReply,
                     Consumer<String> onFailure) {
        metrics.deliveries().sent.increment();
        long seq = sequence.next();
        long now = Micros.now();
        if (wire != null) {
            int length = wire.encode(seq, now);
            connection.requestWire(wire.buffer(), length, OK_REPLY, replyCmds, timeout, onOk, onReply, onFailure);
        } else {
            connection.request(Messages.privateChat(from, to, DeliveryText.encode(seq, now, textSize)), replyCmds,
                    timeout, onReply, onFailure);
        }
    }
}
