package io.chatspec.conformance.dsl;

import org.testng.annotations.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

public class RelayPartyTest {
    /** A relay that delivers every byte but never closes: the bytes count (FILE-7/8 pass), only FILE-9 is missed. */
    @Test(timeOut = 10_000)
    public void aTimeoutKeepsWhatWasRead() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket s = server.accept();
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[]{1, 2, 3, 4, 5});
                    out.flush();
                    return s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (RelayParty p = RelayParty.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()),
                    Duration.ofSeconds(2))) {
                RelayParty.Received r = RelayParty.await(p.readToEnd(Duration.ofMillis(500)), Duration.ofSeconds(5));
                assertNotNull(r);
                assertEquals(r.bytes(), 5L, String.valueOf(r));
                assertEquals(r.sha256(), "74f81fe167d99b4cb41d6d0ccda82278caee9f3e2f25d5e5a3936ff3dcec60d0");
                assertFalse(r.endOfStream());
            } finally {
                accepted.join().close();
            }
        }
    }

    /** A server that closes holding bytes it never read sends RST: that is a close (FILE-9, FILE-15), not "open". */
    @Test(timeOut = 10_000)
    public void aResetCountsAsClosedByTheServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            try (RelayParty p = RelayParty.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()),
                    Duration.ofSeconds(2)); Socket accepted = server.accept()) {
                RelayParty.await(p.writeGenerated(1, 1000), Duration.ofSeconds(5));
                accepted.setSoLinger(true, 0);
                accepted.close();
                assertTrue(p.awaitClosedByServer(Duration.ofSeconds(3)), "a reset was taken for an open connection");
            }
        }
    }
}
