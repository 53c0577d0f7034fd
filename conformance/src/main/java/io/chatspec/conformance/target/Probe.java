package io.chatspec.conformance.target;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.framing.Frame;
import io.chatspec.protocol.framing.FrameSplitter;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** Is the target there: accepting TCP connections ({@link #answers}), or really serving ({@link #serves})? */
public final class Probe {
    private static final int PROBE_FRAME_LIMIT = 1024 * 1024;

    private Probe() {
    }

    /** Something accepts TCP connections at the address (a hung server still does: its kernel accepts). */
    public static boolean answers(InetSocketAddress address, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** What a round trip found. */
    public enum Health {
        SERVES("serves"),
        NO_REPLY("accepts connections but sends no reply"),
        NON_PROTOCOL("sends non-protocol data"),
        CLOSES("closes connections without a reply"),
        UNREACHABLE("refuses connections");

        private final String says;

        Health(String says) {
            this.says = says;
        }

        /** What the target does, for a finding: "the target " + says(). */
        public String says() {
            return says;
        }

        /** Gone (process dead or port closed), as opposed to up but no longer speaking the protocol. */
        public boolean crashed() {
            return this == CLOSES || this == UNREACHABLE;
        }
    }

    /** A round trip (see {@link #health}) came back. */
    public static boolean serves(InetSocketAddress address, Duration timeout) {
        return health(address, timeout) == Health.SERVES;
    }

    /**
     * A real round trip: {@code get_group_member} of a made-up group must get a complete JSON object back within
     * {@code timeout} (any reply counts, {@code group_not_exist}, {@code not_logged_in} or an error). A server that
     * accepts connections but no longer processes commands does not serve, and the outcome says which way it fails,
     * so a report can tell a crash from a hang.
     */
    public static Health health(InetSocketAddress address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean sentSomething = false;
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) timeout.toMillis());
            } catch (IOException e) {
                return Health.UNREACHABLE;
            }
            String group = "probe_" + UUID.randomUUID().toString().replace("-", "");
            s.getOutputStream().write((Messages.getGroupMember(group).toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            // one complete JSON object back is enough: a trailing newline is only SHOULD (FRAME-3); an object past
            // the probe's bound is a reply too, and the bound keeps a hostile target from filling the harness's heap
            FrameSplitter splitter = new FrameSplitter(PROBE_FRAME_LIMIT);
            byte[] buf = new byte[4096];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return sentSomething ? Health.NON_PROTOCOL : Health.NO_REPLY;
                }
                s.setSoTimeout((int) left);
                int n = in.read(buf);
                if (n < 0) {
                    return sentSomething ? Health.NON_PROTOCOL : Health.CLOSES;
                }
                sentSomething |= n > 0;
                if (splitter.feed(buf, 0, n).stream().anyMatch(f -> f.kind() == Frame.Kind.OBJECT
                        || f.kind() == Frame.Kind.TOO_LARGE)) {
                    return Health.SERVES;
                }
            }
        } catch (SocketTimeoutException e) {
            return sentSomething ? Health.NON_PROTOCOL : Health.NO_REPLY;
        } catch (IOException e) {
            // a reset on a connected socket: the process behind it went away
            return sentSomething ? Health.NON_PROTOCOL : Health.CLOSES;
        }
    }
}
