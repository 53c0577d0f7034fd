package io.chatspec.conformance.target;

import io.chatspec.conformance.EmbeddedServerHolder;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

public class ProbeTest {
    /** A hung server: the kernel still accepts TCP connections, but no command is ever answered. */
    @Test(timeOut = 10_000)
    public void aServerThatAcceptsButNeverAnswersDoesNotServe() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress a = new InetSocketAddress("127.0.0.1", hung.getLocalPort());
            assertTrue(Probe.answers(a, Duration.ofMillis(500)));
            assertFalse(Probe.serves(a, Duration.ofMillis(500)));
        }
    }

    /** A reply without trailing newline (FRAME-3 is only SHOULD) still proves the server serves. */
    @Test(timeOut = 10_000)
    public void aReplyWithoutNewlineCounts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CompletableFuture<Void> answer = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (java.net.Socket c = server.accept()) {
                    c.getInputStream().read(new byte[256]);
                    c.getOutputStream().write("{\"cmd\":\"get_group_member_reply\",\"group\":\"}{\"}".getBytes());
                    c.getOutputStream().flush();
                    Thread.sleep(1500);
                } catch (Exception ignored) {
                    // the probe went away
                }
            });
            assertTrue(Probe.serves(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(1)));
            answer.cancel(true);
        }
    }

    @Test(timeOut = 10_000)
    public void theReferenceServerServes() {
        if (EmbeddedServerHolder.externalTarget() != null) {
            throw new SkipException("embedded server only");
        }
        assertTrue(Probe.serves(EmbeddedServerHolder.get().address(), Duration.ofSeconds(2)));
    }
}
