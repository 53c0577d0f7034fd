package io.chatspec.conformance.target;

import io.chatspec.conformance.EmbeddedServerHolder;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.testng.Assert.assertEquals;
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
            assertEquals(Probe.health(a, Duration.ofMillis(500)), Probe.Health.NO_REPLY);
        }
    }

    /** Bytes that never make a JSON object: up, but not speaking the protocol (not a crash). */
    @Test(timeOut = 10_000)
    public void aServerThatSendsGarbageSendsNonProtocolData() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
                try (Socket c = server.accept()) {
                    c.getInputStream().read(new byte[256]);
                    c.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    c.getOutputStream().flush();
                    c.getInputStream().read();
                } catch (Exception ignored) {
                    // the probe went away
                }
            });
            Probe.Health h = Probe.health(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofMillis(700));
            assertEquals(h, Probe.Health.NON_PROTOCOL);
            assertFalse(h.crashed());
            answer.cancel(true);
        }
    }

    /** Accepted, then closed without a word: what a process that dies on every command looks like. */
    @Test(timeOut = 10_000)
    public void aServerThatClosesAtOnceCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> closer = CompletableFuture.runAsync(() -> {
                try (Socket c = server.accept()) {
                    c.getInputStream().read(new byte[256]);
                } catch (Exception ignored) {
                    // the probe went away
                }
            });
            Probe.Health h = Probe.health(new InetSocketAddress("127.0.0.1", server.getLocalPort()), Duration.ofSeconds(2));
            assertEquals(h, Probe.Health.CLOSES);
            assertTrue(h.crashed());
            closer.join();
        }
    }

    @Test(timeOut = 10_000)
    public void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertEquals(Probe.health(new InetSocketAddress("127.0.0.1", port), Duration.ofMillis(500)),
                Probe.Health.UNREACHABLE);
    }

    /** A reply without trailing newline (FRAME-3 is only SHOULD) still proves the server serves. */
    @Test(timeOut = 10_000)
    public void aReplyWithoutNewlineCounts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
                try (Socket c = server.accept()) {
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
