package io.chatspec.server.domain;

/**
 * The limits the domain itself enforces (LIMIT rules in PROTOCOL.md): they decide replies, so they live here and
 * not at the edge.
 *
 * @param maxNameLength       longest user or group name in Unicode code points; longer names get {@code bad_request}
 * @param maxTransfersPerUser transfers one user may have open (from {@code send_file} until its relay ends or
 *                            times out); more get {@code busy}
 */
public record DomainLimits(int maxNameLength, int maxTransfersPerUser) {
    public static final int DEFAULT_MAX_NAME_LENGTH = 64;
    public static final int DEFAULT_MAX_TRANSFERS_PER_USER = 4;
    public static final DomainLimits DEFAULTS = new DomainLimits(DEFAULT_MAX_NAME_LENGTH, DEFAULT_MAX_TRANSFERS_PER_USER);

    public DomainLimits {
        if (maxNameLength < 1 || maxTransfersPerUser < 1) {
            throw new IllegalArgumentException("domain limits must be positive: " + maxNameLength + ", "
                    + maxTransfersPerUser);
        }
    }
}
