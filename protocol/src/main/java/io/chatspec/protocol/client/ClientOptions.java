package io.chatspec.protocol.client;

import io.chatspec.protocol.netty.Transports;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.time.Duration;

/**
 * How a {@link ChatClient} connects and what it keeps. The defaults suit the conformance harness (inbox and
 * transcript on); load simulations switch both off and supply the virtual user's own event loop.
 *
 * @param group        event loop(s) to run the channel on; null for the shared client group
 * @param channelClass must match the group's transport (NIO or epoll)
 * @param keepInbox    queue received messages for {@link ChatClient#expect}; off when a listener consumes them
 * @param aliases      the server's spellings of spec names (read and written in the server's spelling)
 */
public record ClientOptions(EventLoopGroup group, Class<? extends Channel> channelClass, Duration connectTimeout,
                           int maxFrameBytes, boolean keepInbox, boolean keepTranscript, ClientListener listener,
                           Aliases aliases) {

    public ClientOptions(EventLoopGroup group, Class<? extends Channel> channelClass, Duration connectTimeout,
                         int maxFrameBytes, boolean keepInbox, boolean keepTranscript, ClientListener listener) {
        this(group, channelClass, connectTimeout, maxFrameBytes, keepInbox, keepTranscript, listener, Aliases.NONE);
    }

    public static ClientOptions defaults() {
        return new ClientOptions(null, NioSocketChannel.class, Duration.ofSeconds(5), 16 * 1024 * 1024, true, true,
                ClientListener.NONE);
    }

    public ClientOptions withAliases(Aliases a) {
        return new ClientOptions(group, channelClass, connectTimeout, maxFrameBytes, keepInbox, keepTranscript,
                listener, a);
    }

    public ClientOptions withEventLoop(EventLoopGroup group, Class<? extends Channel> channelClass) {
        return new ClientOptions(group, channelClass, connectTimeout, maxFrameBytes, keepInbox, keepTranscript,
                listener, aliases);
    }

    public ClientOptions withConnectTimeout(Duration timeout) {
        return new ClientOptions(group, channelClass, timeout, maxFrameBytes, keepInbox, keepTranscript, listener, aliases);
    }

    public ClientOptions withMaxFrameBytes(int bytes) {
        return new ClientOptions(group, channelClass, connectTimeout, bytes, keepInbox, keepTranscript, listener, aliases);
    }

    public ClientOptions withInbox(boolean keep) {
        return new ClientOptions(group, channelClass, connectTimeout, maxFrameBytes, keep, keepTranscript, listener, aliases);
    }

    public ClientOptions withTranscript(boolean keep) {
        return new ClientOptions(group, channelClass, connectTimeout, maxFrameBytes, keepInbox, keep, listener, aliases);
    }

    public ClientOptions withListener(ClientListener l) {
        return new ClientOptions(group, channelClass, connectTimeout, maxFrameBytes, keepInbox, keepTranscript, l, aliases);
    }

    EventLoopGroup groupOrShared() {
        return group != null ? group : Transports.sharedClientGroup();
    }
}
