package io.chatspec.reports.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A deliberately broken chat server for the report tests: the real reference server behind a proxy that drops every
 * {@code friend_login} notice (breaks LOGIN-4) and delivers every {@code group_chat} forward twice (breaks GCHAT-1).
 * Client bytes pass through untouched; server output is split on the newline the reference server always writes.
 * File relays are not proxied: relay ports in replies point straight at the reference server.
 */
public final class FaultyServer implements AutoCloseable {
    public static final Set<String> BROKEN_RULES = Set.of("LOGIN-4", "GCHAT-1");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReferenceServer upstream;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faulty-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    public FaultyServer() throws IOException {
        upstream = ReferenceServer.start(ServerConfig.ephemeral());
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    public String target() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(upstream.address().getAddress(), upstream.port()));
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                threads.execute(() -> pumpClient(client, server));
                threads.execute(() -> pumpServer(server, client));
            } catch (IOException e) {
                return; // listener closed
            }
        }
    }

    private void pumpClient(Socket client, Socket server) {
        try (InputStream in = client.getInputStream()) {
            OutputStream out = server.getOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
            server.shutdownOutput(); // keep the half-close: some cases close their side and wait for the reply
        } catch (IOException e) {
            closeQuietly(server);
        }
    }

    private void pumpServer(Socket server, Socket client) {
        try (InputStream in = server.getInputStream()) {
            OutputStream out = client.getOutputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                line.write(b);
                if (b == '\n') {
                    forward(line.toByteArray(), out);
                    line.reset();
                }
            }
            if (line.size() > 0) {
                out.write(line.toByteArray());
            }
            out.flush();
            closeQuietly(client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void forward(byte[] line, OutputStream out) throws IOException {
        String cmd = cmd(line);
        if ("friend_login".equals(cmd)) {
            return;
        }
        out.write(line);
        if ("group_chat".equals(cmd)) {
            out.write(line);
        }
        out.flush();
    }

    private static String cmd(byte[] line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.hasNonNull("cmd") ? node.get("cmd").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(FaultyServer::closeQuietly);
        threads.shutdownNow();
        upstream.close();
    }
}
