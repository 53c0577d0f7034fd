package io.chatspec.conformance.target;

import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.settings.LimitSettings;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.RelayPortRange;
import io.chatspec.server.ServerConfig;
import io.chatspec.server.ServerLimits;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reference server started in-process on a free port: the default target, which claims every extension but
 * DURABLE (its store is in memory, so a restart, which it can only simulate by starting a fresh server, loses it).
 * It gets a small fixed relay port range so the "all relay ports busy" case (EDGE-17) can be judged too, and
 * limits ({@link #LIMITS}) short enough for the LIMIT cases to finish quickly and loose enough for no other case to
 * notice them.
 */
public final class EmbeddedTarget implements Target {
    public static final int RELAY_PORTS = 32;
    public static final LimitSettings LIMITS = new LimitSettings(512, Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(3), ServerLimits.DEFAULT_MAX_NAME_LENGTH, ServerLimits.DEFAULT_MAX_TRANSFERS_PER_USER);

    private final Duration transferTimeout;
    private final RelayPortRange relayPorts;
    private volatile ReferenceServer server;

    private EmbeddedTarget(Duration transferTimeout, RelayPortRange relayPorts) {
        this.transferTimeout = transferTimeout;
        this.relayPorts = relayPorts;
        this.server = ReferenceServer.start(config());
    }

    public static EmbeddedTarget start(Duration transferTimeout) {
        return new EmbeddedTarget(transferTimeout, freeRange(RELAY_PORTS));
    }

    private ServerConfig config() {
        return ServerConfig.ephemeral().withHost("127.0.0.1").withTransferTimeout(transferTimeout)
                .withRelayPorts(relayPorts).withLimits(ServerLimits.defaults().withMaxConnections(LIMITS.connections())
                        .withMessageDeadline(LIMITS.messageDeadline()).withLoginDeadline(LIMITS.loginDeadline())
                        .withReadDeadline(LIMITS.readDeadline()).withMaxNameLength(LIMITS.nameLength())
                        .withMaxTransfersPerUser(LIMITS.transfersPerUser()));
    }

    /** What the harness must be told about this server's limits. */
    public LimitSettings limits() {
        return LIMITS;
    }

    public int relayPortCount() {
        return relayPorts.size();
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public String describe() {
        return "embedded reference server 127.0.0.1:" + server.port();
    }

    @Override
    public Set<Extension> defaultClaims() {
        return EnumSet.complementOf(EnumSet.of(Extension.DURABLE));
    }

    @Override
    public boolean restartable() {
        return true;
    }

    @Override
    public synchronized void restart() {
        server.close();
        server = ReferenceServer.start(config());
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * A run of {@code n} consecutive ports that are free now. The OS could hand one out later, so this is a best
     * effort; the ephemeral range is avoided to make that unlikely.
     */
    static RelayPortRange freeRange(int n) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int low = ThreadLocalRandom.current().nextInt(20000, 32000 - n);
            boolean free = true;
            for (int p = low; p < low + n && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return new RelayPortRange(low, low + n - 1);
            }
        }
        return RelayPortRange.EPHEMERAL;
    }
}
