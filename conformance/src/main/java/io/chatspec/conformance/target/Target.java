package io.chatspec.conformance.target;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.dsl.Restarter;

import java.net.InetSocketAddress;
import java.util.Set;

/** The server under test: where it listens, and whether the harness can bring it back after a crash. */
public interface Target extends AutoCloseable {
    InetSocketAddress address();

    /** What the report calls it, e.g. {@code embedded reference server 127.0.0.1:40123}. */
    String describe();

    /** Extensions this target claims when the user did not say (--claims). */
    Set<Extension> defaultClaims();

    /** True when the harness started the target and can start it again. */
    default boolean restartable() {
        return false;
    }

    /** Starts the target again after it stopped answering; only when {@link #restartable()}. */
    default void restart() {
        throw new UnsupportedOperationException("this target cannot be restarted by the harness");
    }

    /**
     * How the target's process ended, asked after it stopped serving and before {@link #restart()}:
     * {@code exit 134 (SIGABRT)}, or that it still ran (hung); null where the harness cannot know.
     */
    default String exitStatus() {
        return null;
    }

    /**
     * Stops the target with the given signal and starts it again (the durability cases); only when
     * {@link #restartable()}. Returns once it answers.
     */
    default void stopAndStart(Restarter.How how) {
        restart();
    }

    /** Stops what the harness started; nothing for external targets. */
    @Override
    default void close() {
    }
}
