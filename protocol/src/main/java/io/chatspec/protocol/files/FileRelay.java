package io.chatspec.protocol.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client side of the protocol's file relay: connect to the port a {@code *_file_port_reply} named, then
 * stream bytes in (sender) or read them out until the server closes (receiver), hashing on the fly so
 * any size runs in constant memory. Blocking calls with a hard deadline: at the deadline the socket is closed,
 * so a stalled relay fails the call instead of hanging it.
 */
public final class FileRelay {
    private static final int CHUNK = 64 * 1024;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chatspec-relay-watchdog");
        t.setDaemon(true);
        return t;
    });

    private FileRelay() {
    }

    /** Sends {@code length} bytes from {@code source}, then waits for the server to close the connection. */
    public static TransferResult send(InetSocketAddress relay, InputStream source, long length, Duration timeout) {
        MessageDigest sha = sha256();
        long start = System.nanoTime();
        long sent = 0;
        AtomicBoolean expired = new AtomicBoolean();
        try (Socket socket = new Socket()) {
            ScheduledFuture<?> watchdog = closeAtDeadline(socket, timeout, expired);
            try {
                socket.connect(relay, (int) Math.max(1, timeout.toMillis()));
                OutputStream out = socket.getOutputStream();
                byte[] buf = new byte[CHUNK];
                while (sent < length) {
                    int n = source.read(buf, 0, (int) Math.min(buf.length, length - sent));
                    if (n < 0) {
                        return failed(sent, sha, start, "source ended after " + sent + " of " + length + " bytes");
                    }
                    out.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    sent += n;
                }
                out.flush();
                // The relay closes both ends once it has forwarded everything; wait for that.
                InputStream in = socket.getInputStream();
                while (in.read(buf) >= 0) {
                    // a relay sends nothing to the sender; anything read here is ignored
                }
                return new TransferResult(sent, hex(sha), System.nanoTime() - start, true, null);
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException e) {
            if (sent == length && !expired.get() && ConnectionReset.isReset(e)) {
                // everything was written and the relay closed: with bytes it never read, the close is a reset
                return new TransferResult(sent, hex(sha), System.nanoTime() - start, true, null);
            }
            return failed(sent, sha, start, expired.get() ? "timed out after " + timeout : e.toString());
        }
    }

    public static TransferResult sendGenerated(InetSocketAddress relay, long seed, long length, Duration timeout) {
        return send(relay, new GeneratedBytes(seed, length), length, timeout);
    }

    public static TransferResult sendFile(InetSocketAddress relay, Path file, Duration timeout) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return send(relay, in, Files.size(file), timeout);
        }
    }

    /** Connects and reads until the server closes the stream; bytes go to {@code sink} when it is not null. */
    public static TransferResult receive(InetSocketAddress relay, OutputStream sink, Duration timeout) {
        MessageDigest sha = sha256();
        long start = System.nanoTime();
        long received = 0;
        AtomicBoolean expired = new AtomicBoolean();
        try (Socket socket = new Socket()) {
            ScheduledFuture<?> watchdog = closeAtDeadline(socket, timeout, expired);
            try {
                socket.connect(relay, (int) Math.max(1, timeout.toMillis()));
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    sha.update(buf, 0, n);
                    if (sink != null) {
                        sink.write(buf, 0, n);
                    }
                    received += n;
                }
                return new TransferResult(received, hex(sha), System.nanoTime() - start, true, null);
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException e) {
            return failed(received, sha, start, expired.get() ? "timed out after " + timeout : e.toString());
        }
    }

    public static TransferResult receiveToFile(InetSocketAddress relay, Path target, Duration timeout)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            return receive(relay, out, timeout);
        }
    }

    /** The SHA-256 a receiver must see for {@link #sendGenerated} with the same seed and length. */
    public static String sha256OfGenerated(long seed, long length) {
        MessageDigest sha = sha256();
        byte[] buf = new byte[CHUNK];
        try (InputStream in = new GeneratedBytes(seed, length)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return hex(sha);
    }

    public static String sha256(byte[] bytes) {
        MessageDigest sha = sha256();
        sha.update(bytes);
        return hex(sha);
    }

    private static ScheduledFuture<?> closeAtDeadline(Socket socket, Duration timeout, AtomicBoolean expired) {
        return WATCHDOG.schedule(() -> {
            expired.set(true);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is the point; nothing else to do
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static TransferResult failed(long bytes, MessageDigest sha, long start, String error) {
        return new TransferResult(bytes, hex(sha), System.nanoTime() - start, false, error);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    private static String hex(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest());
    }
}
