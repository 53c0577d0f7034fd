package io.chatspec.server.limits;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one owner of a chat connection's {@code autoRead}. Two parties stop reading for different reasons: the
 * connection's handler while a password check holds its later commands back, and the {@link ConnectionGuard} when
 * the memory budget is under pressure. Each only lifts its own reason, so a finished password check can no longer
 * undo a pause for the budget (or the reverse). Used on the connection's event loop only.
 */
public final class ReadGate {
    /** Why reading is stopped. */
    public enum Reason {
        /** A register or login waits for its password hash; the client is not at fault. */
        PASSWORD_CHECK,
        /** The memory budget is under pressure and this connection holds a sizeable unfinished message. */
        BUDGET
    }

    private static final AttributeKey<ReadGate> KEY = AttributeKey.valueOf("chatspec.readGate");

    private final Channel channel;
    private final Set<Reason> closedBy = EnumSet.noneOf(Reason.class);

    private ReadGate(Channel channel) {
        this.channel = channel;
    }

    /** The gate of {@code ch}, created on first use. */
    public static ReadGate of(Channel ch) {
        ReadGate gate = ch.attr(KEY).get();
        if (gate == null) {
            ReadGate fresh = new ReadGate(ch);
            gate = ch.attr(KEY).setIfAbsent(fresh);
            if (gate == null) {
                gate = fresh;
            }
        }
        return gate;
    }

    public void close(Reason reason) {
        if (closedBy.add(reason)) {
            apply();
        }
    }

    public void open(Reason reason) {
        if (closedBy.remove(reason)) {
            apply();
        }
    }

    public boolean isClosedBy(Reason reason) {
        return closedBy.contains(reason);
    }

    private void apply() {
        if (!closedBy.isEmpty()) {
            channel.config().setAutoRead(false);
        } else if (channel.isActive()) {
            channel.config().setAutoRead(true);
        }
    }
}
