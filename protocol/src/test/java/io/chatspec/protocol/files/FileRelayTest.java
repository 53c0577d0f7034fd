package io.chatspec.protocol.files;

import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;

public class FileRelayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A minimal relay: first connection is the sender, second the receiver; copies, then closes both. */
    private static CompletableFuture<Void> miniRelay(ServerSocket server, long length,
                                                     CompletableFuture<Void> senderAccepted) {
        return CompletableFuture.runAsync(() -> {
            try (Socket sender = server.accept()) {
                senderAccepted.complete(null);
                try (Socket receiver = server.accept()) {
                    copy(sender, receiver, length);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void copy(Socket sender, Socket receiver, long length) throws IOException {
        InputStream in = sender.getInputStream();
        OutputStream out = receiver.getOutputStream();
        byte[] buf = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            left -= n;
        }
        out.flush();
    }

    @Test
    public void generatedBytesAreDeterministicAndSeedDependent() throws Exception {
        byte[] a = new GeneratedBytes(1, 1000).readAllBytes();
        byte[] b = new GeneratedBytes(1, 1000).readAllBytes();
        byte[] c = new GeneratedBytes(2, 1000).readAllBytes();
        assertEquals(a.length, 1000);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(FileRelay.sha256OfGenerated(1, 1000),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(a)));
    }

    @Test
    public void sendThenReceiveThroughARelayIsByteExact() throws Exception {
        long length = 3 * 1024 * 1024 + 17;
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            CompletableFuture<Void> senderAccepted = new CompletableFuture<>();
            CompletableFuture<Void> relay = miniRelay(server, length, senderAccepted);
            CompletableFuture<TransferResult> sent = CompletableFuture.supplyAsync(
                    () -> FileRelay.sendGenerated(addr, 99, length, TIMEOUT));
            // The mini relay takes the first connection as the sender, so connect the receiver after it.
            senderAccepted.get(10, TimeUnit.SECONDS);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            TransferResult received = FileRelay.receive(addr, sink, TIMEOUT);
            relay.get(10, TimeUnit.SECONDS);
            TransferResult s = sent.get();
            assertTrue(s.completed(), String.valueOf(s.error()));
            assertTrue(received.completed(), String.valueOf(received.error()));
            assertEquals(received.bytes(), length);
            assertEquals(received.sha256(), FileRelay.sha256OfGenerated(99, length));
            assertEquals(s.sha256(), received.sha256());
            assertEquals(sink.size(), (int) length);
        }
    }

    @Test
    public void aRelayThatNeverClosesTimesTheReceiverOut() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            TransferResult r = FileRelay.receive(addr, null, Duration.ofMillis(300));
            assertFalse(r.completed());
            assertTrue(r.error().contains("timed out"), r.error());
        }
    }

    /** A relay that closes holding bytes it never read resets the connection: for the sender that is the close. */
    @Test(timeOut = 20_000)
    public void aResetAfterEverythingWasWrittenIsTheRelayClosing() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read();
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            TransferResult r = FileRelay.sendGenerated(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 5, 1000,
                    TIMEOUT);
            relay.get(10, TimeUnit.SECONDS);
            assertTrue(r.completed(), String.valueOf(r));
            assertEquals(r.bytes(), 1000L);
        }
    }

    @Test
    public void onlyAResetIsTakenForAReset() {
        assertTrue(ConnectionReset.isReset(new java.net.SocketException("Connection reset")));
        assertTrue(ConnectionReset.isReset(new IOException("wrapped", new java.net.SocketException("Connection reset by peer"))));
        assertFalse(ConnectionReset.isReset(new java.net.SocketException("Broken pipe")));
        assertFalse(ConnectionReset.isReset(new java.net.SocketTimeoutException("Read timed out")));
    }
}
