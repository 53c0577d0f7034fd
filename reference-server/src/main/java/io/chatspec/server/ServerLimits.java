package io.chatspec.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one server lets its clients hold, for how long, and how many of them: the defences of issue 9. Every
 * limit is documented in PROTOCOL.md (LIMIT rules and "Security considerations").
 *
 * @param maxBuffered         bytes all connections together may hold in server memory (unfinished messages,
 *                            decoder buffers, queued outbound messages); 0 derives it from the heap
 * @param maxConnections      open chat connections; beyond it a new one gets {@code too_many_connections} and is
 *                            closed; 0 derives it from the heap
 * @param messageDeadline     how long a message may stay unfinished before its connection is closed
 * @param loginDeadline       how long a connection may stay without a logged-in user before it is closed
 * @param readDeadline        how long a connection's queue of server messages may go without shrinking (its
 *                            client is not reading) before it is closed
 * @param maxNameLength       longest user or group name in Unicode code points; longer gets {@code bad_request}
 * @param maxTransfersPerUser file transfers one user may have waiting for their relay at once; more get
 *                            {@code busy}
 * @param maxRecords          records the store may hold (accounts, friendships, groups, memberships); a command
 *                            that would store more gets {@code busy}; 0 derives it from the heap
 */
public record ServerLimits(long maxBuffered, int maxConnections, Duration messageDeadline, Duration loginDeadline,
                           Duration readDeadline, int maxNameLength, int maxTransfersPerUser, long maxRecords) {
    public static final Duration DEFAULT_MESSAGE_DEADLINE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOGIN_DEADLINE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_READ_DEADLINE = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_NAME_LENGTH = 64;
    public static final int DEFAULT_MAX_TRANSFERS_PER_USER = 4;

    /** A quarter of the heap: the rest is for the store, the JVM, Netty's own buffers and headroom for spikes. */
    static final int HEAP_SHARE_FOR_BUFFERS = 4;
    /** Heap per connection assumed when deriving the connection limit (channel, pipeline, session, buffers). */
    static final long HEAP_PER_CONNECTION = 32 * 1024;
    /**
     * Heap per stored record assumed when deriving the store budget: about five times what a record with a
     * maximum-length name takes in the in-memory store (a group with its creator measured ~400 bytes), so a full
     * store keeps within a fifth of the heap.
     */
    static final long HEAP_PER_RECORD = 1024;

    public ServerLimits {
        Objects.requireNonNull(messageDeadline, "messageDeadline");
        Objects.requireNonNull(loginDeadline, "loginDeadline");
        Objects.requireNonNull(readDeadline, "readDeadline");
        if (maxBuffered < 0) {
            throw new IllegalArgumentException("max buffered bytes must be 0 (auto) or positive, got " + maxBuffered);
        }
        if (maxBuffered > 0 && maxBuffered < 64 * 1024) {
            throw new IllegalArgumentException("max buffered bytes must be at least 64 KiB, got " + maxBuffered);
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("max connections must be 0 (auto) or positive, got " + maxConnections);
        }
        positive(messageDeadline, "message deadline");
        positive(loginDeadline, "login deadline");
        positive(readDeadline, "read deadline");
        if (maxNameLength < 1) {
            throw new IllegalArgumentException("max name length must be at least 1, got " + maxNameLength);
        }
        if (maxTransfersPerUser < 1) {
            throw new IllegalArgumentException("max transfers per user must be at least 1, got " + maxTransfersPerUser);
        }
        if (maxRecords < 0) {
            throw new IllegalArgumentException("max records must be 0 (auto) or positive, got " + maxRecords);
        }
    }

    /** All but the store budget, which is derived from the heap. */
    public ServerLimits(long maxBuffered, int maxConnections, Duration messageDeadline, Duration loginDeadline,
                        Duration readDeadline, int maxNameLength, int maxTransfersPerUser) {
        this(maxBuffered, maxConnections, messageDeadline, loginDeadline, readDeadline, maxNameLength,
                maxTransfersPerUser, 0);
    }

    private static void positive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }

    /** Everything derived from the heap, with the documented deadlines and caps. */
    public static ServerLimits defaults() {
        return new ServerLimits(0, 0, DEFAULT_MESSAGE_DEADLINE, DEFAULT_LOGIN_DEADLINE, DEFAULT_READ_DEADLINE,
                DEFAULT_MAX_NAME_LENGTH, DEFAULT_MAX_TRANSFERS_PER_USER);
    }

    /** The byte budget in force: {@link #maxBuffered} or a share of this JVM's maximum heap. */
    public long effectiveMaxBuffered() {
        return maxBuffered > 0 ? maxBuffered : Math.max(64 * 1024, Runtime.getRuntime().maxMemory() / HEAP_SHARE_FOR_BUFFERS);
    }

    /** The connection limit in force: {@link #maxConnections} or what the heap can carry. */
    public int effectiveMaxConnections() {
        if (maxConnections > 0) {
            return maxConnections;
        }
        return (int) Math.max(64, Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / HEAP_PER_CONNECTION));
    }

    /** The store budget in force: {@link #maxRecords} or what a fifth of the heap can carry. */
    public long effectiveMaxRecords() {
        return maxRecords > 0 ? maxRecords : Math.max(1024, Runtime.getRuntime().maxMemory() / HEAP_PER_RECORD);
    }

    public ServerLimits withMaxRecords(long n) {
        return new ServerLimits(maxBuffered, maxConnections, messageDeadline, loginDeadline, readDeadline,
                maxNameLength, maxTransfersPerUser, n);
    }

    public ServerLimits withMaxBuffered(long bytes) {
        return new ServerLimits(bytes, maxConnections, messageDeadline, loginDeadline, readDeadline, maxNameLength,
                maxTransfersPerUser, maxRecords);
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(maxBuffered, n, messageDeadline, loginDeadline, readDeadline, maxNameLength,
                maxTransfersPerUser, maxRecords);
    }

    public ServerLimits withMessageDeadline(Duration d) {
        return new ServerLimits(maxBuffered, maxConnections, d, loginDeadline, readDeadline, maxNameLength,
                maxTransfersPerUser, maxRecords);
    }

    public ServerLimits withLoginDeadline(Duration d) {
        return new ServerLimits(maxBuffered, maxConnections, messageDeadline, d, readDeadline, maxNameLength,
                maxTransfersPerUser, maxRecords);
    }

    public ServerLimits withReadDeadline(Duration d) {
        return new ServerLimits(maxBuffered, maxConnections, messageDeadline, loginDeadline, d, maxNameLength,
                maxTransfersPerUser, maxRecords);
    }

    public ServerLimits withMaxNameLength(int n) {
        return new ServerLimits(maxBuffered, maxConnections, messageDeadline, loginDeadline, readDeadline, n,
                maxTransfersPerUser, maxRecords);
    }

    public ServerLimits withMaxTransfersPerUser(int n) {
        return new ServerLimits(maxBuffered, maxConnections, messageDeadline, loginDeadline, readDeadline,
                maxNameLength, n, maxRecords);
    }
}
