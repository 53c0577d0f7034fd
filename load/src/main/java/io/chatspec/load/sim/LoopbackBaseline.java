package io.chatspec.load.sim;

import io.chatspec.protocol.files.FileRelay;
import io.chatspec.protocol.files.TransferResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The yardstick for relay throughput: the same number of concurrent transfers of the same size, sender and
 * receiver doing the same work (generate and hash, read and hash), but straight over loopback with no server
 * in between. Aggregate MB/s (10^6 bytes/s) over first start to last end.
 */
public final class LoopbackBaseline {
    private LoopbackBaseline() {
    }

    public static double run(int transfers, long size) {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
            long start = System.nanoTime();
            List<Future<Long>> readers = new ArrayList<>();
            List<Future<TransferResult>> writers = new ArrayList<>();
            for (int i = 0; i < transfers; i++) {
                Socket accepted;
                int seed = i;
                writers.add(pool.submit(() -> FileRelay.sendGenerated(address, seed, size, Duration.ofMinutes(5))));
                accepted = server.accept();
                readers.add(pool.submit(() -> drain(accepted, size)));
            }
            long bytes = 0;
            for (Future<Long> r : readers) {
                bytes += r.get();
            }
            for (Future<TransferResult> w : writers) {
                if (!w.get().completed()) {
                    throw new IllegalStateException("baseline copy failed: " + w.get().error());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return Math.round(bytes / seconds / 1e6 * 10) / 10.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("baseline copy failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads and hashes {@code size} bytes, then closes, which is what lets the sender finish (as a relay does). */
    private static long drain(Socket socket, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long n = 0;
        try (socket; InputStream in = socket.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            for (int r; n < size && (r = in.read(buf, 0, (int) Math.min(buf.length, size - n))) >= 0; ) {
                sha.update(buf, 0, r);
                n += r;
            }
        }
        return n;
    }
}
