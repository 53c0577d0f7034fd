package io.chatspec.server.domain;

/**
 * The limits the domain itself enforces (LIMIT rules in PROTOCOL.md): they decide replies, so they live here and
 * not at the edge.
 *
 * @param maxNameLength       longest user or group name in Unicode code points; longer names get {@code bad_request}
 * @param maxTransfersPerUser transfers one user may have open (from {@code send_file} until its relay ends or
 *                            times out); more get {@code busy}
 * @param maxRecords          records the store may hold (see {@code ChatStore.records()}); a command that would
 *                            store more gets {@code busy} and changes nothing
 */
public record DomainLimits(int maxNameLength, int maxTransfersPerUser, long maxRecords) {
    public static final int DEFAULT_MAX_NAME_LENGTH = 64;
    public static final int DEFAULT_MAX_TRANSFERS_PER_USER = 4;
    /** Embedded servers: no store budget (tests and simulations register what they need). */
    public static final DomainLimits DEFAULTS = new DomainLimits(DEFAULT_MAX_NAME_LENGTH, DEFAULT_MAX_TRANSFERS_PER_USER);

    public DomainLimits {
        if (maxNameLength < 1 || maxTransfersPerUser < 1 || maxRecords < 1) {
            throw new IllegalArgumentException("domain limits must be positive: " + maxNameLength + ", "
                    + maxTransfersPerUser + ", " + maxRecords);
        }
    }

    /** Without a store budget. */
    public DomainLimits(int maxNameLength, int maxTransfersPerUser) {
        this(maxNameLength, maxTransfersPerUser, Long.MAX_VALUE);
    }
}
