package io.chatspec.protocol.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/** Shared NIO event loops for clients that are not handed one (Gatling hands each virtual user its own). */
public final class Transports {
    private static volatile EventLoopGroup shared;

    private Transports() {
    }

    public static EventLoopGroup newGroup(String name, int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), NioIoHandler.newFactory());
    }

    /** A process-wide daemon group, created on first use and never shut down (its threads are daemons). */
    public static EventLoopGroup sharedClientGroup() {
        EventLoopGroup g = shared;
        if (g == null) {
            synchronized (Transports.class) {
                g = shared;
                if (g == null) {
                    g = newGroup("chatspec-client", Math.max(2, Runtime.getRuntime().availableProcessors()));
                    shared = g;
                }
            }
        }
        return g;
    }
}
