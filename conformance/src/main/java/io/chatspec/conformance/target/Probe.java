package io.chatspec.conformance.target;

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

    /**
     * A real round trip: {@code get_group_member} of a made-up group must get a complete line back within
     * {@code timeout} (any reply counts, {@code group_not_exist}, {@code not_logged_in} or an error). A server that
     * accepts connections but no longer processes commands does not serve.
     */
    public static boolean serves(InetSocketAddress address, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.getHostString(), address.getPort()), (int) timeout.toMillis());
            String group = "probe_" + UUID.randomUUID().toString().replace("-", "");
            s.getOutputStream().write(("{\"cmd\":\"get_group_member\",\"group\":\"" + group + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            // one complete JSON object back is enough: a trailing newline is only SHOULD (FRAME-3)
            int depth = 0;
            boolean inString = false;
            boolean escaped = false;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                s.setSoTimeout((int) left);
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"' && depth > 0) {
                    inString = true;
                } else if (b == '{') {
                    depth++;
                } else if (b == '}' && depth > 0 && --depth == 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
