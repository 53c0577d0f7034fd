package io.chatspec.protocol.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A one-connection server the test drives by hand, to feed the client exact bytes and read what it wrote. */
final class ScriptedPeer implements AutoCloseable {
    private final ServerSocket server;
    private Socket socket;
    private BufferedReader reader;

    ScriptedPeer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    void accept() throws IOException {
        server.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
        socket = server.accept();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(5000);
        reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    String readLine() throws IOException {
        return reader.readLine();
    }

    void write(String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void closeConnection() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
