package io.chatspec.server.it;

import io.chatspec.protocol.Message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A deliberately primitive client on a blocking socket, for behaving badly: writing half a message, never
 * reading, connecting from another local address. Reads are line by line with a timeout.
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private boolean eof;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawClient connect(InetSocketAddress server) {
        return connect(server, null, 0);
    }

    /**
     * @param from          local address to bind (say 127.0.0.2), or null
     * @param receiveBuffer SO_RCVBUF to ask for before connecting (small: a client that fills up fast), or 0
     */
    public static RawClient connect(InetSocketAddress server, InetAddress from, int receiveBuffer) {
        Socket s = new Socket();
        try {
            if (receiveBuffer > 0) {
                s.setReceiveBufferSize(receiveBuffer);
            }
            if (from != null) {
                s.bind(new InetSocketAddress(from, 0));
            }
            s.connect(server, 10_000);
            return new RawClient(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException(e);
        }
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    public void send(Message m) throws IOException {
        write(m.toJson() + "\n");
    }

    /** The next line the server sent, or null on end of stream (or a reset); fails after the timeout. */
    public String readLine(Duration timeout) throws IOException {
        if (eof) {
            return null;
        }
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                eof = true;
                return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
            }
            if (b < 0) {
                eof = true;
                return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    /** The next message, or null at end of stream. */
    public Message read(Duration timeout) throws IOException {
        String line = readLine(timeout);
        return line == null ? null : Message.parse(line);
    }

    /** True when the server has closed the connection (end of stream or reset) within the timeout. */
    public boolean closedWithin(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                byte[] buf = new byte[8192];
                try {
                    if (in.read(buf) < 0) {
                        eof = true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    eof = true;
                }
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    public boolean isClosedByServer() {
        return eof;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
