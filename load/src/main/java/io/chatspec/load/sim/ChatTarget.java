package io.chatspec.load.sim;

import io.chatspec.protocol.options.HostPort;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.ServerConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server under load, in one of three forms:
 * <ul>
 *   <li>{@code -Dchatspec.target=host:port} (or {@code [::1]:port}, see {@link HostPort}): a server someone else
 *       runs;</li>
 *   <li>{@code -Dchatspec.serverHeap=1g}: a reference server started as its own JVM with that heap (see
 *       {@link ServerProcess}), for figures that must not share a heap with the injector;</li>
 *   <li>neither: a reference server embedded in the injector JVM on a free port.</li>
 * </ul>
 * Started servers are started by the simulation's {@code before()} and stopped by its {@code after()}.
 */
public final class ChatTarget {
    private final InetSocketAddress fixed;
    private final String serverHeap;
    private volatile ReferenceServer embedded;
    private volatile ServerProcess process;

    private ChatTarget(InetSocketAddress fixed, String serverHeap) {
        this.fixed = fixed;
        this.serverHeap = serverHeap;
    }

    public static ChatTarget fromProperties() {
        String t = Params.string("target", null);
        if (t == null) {
            return new ChatTarget(null, Params.string("serverHeap", null));
        }
        try {
            return new ChatTarget(HostPort.parse(t).address(), null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chatspec.target: " + e.getMessage());
        }
    }

    public boolean isEmbedded() {
        return fixed == null && serverHeap == null;
    }

    /** Starts the server this run owns, if any; {@code logDir} receives a separate server's log. */
    public void start(Path logDir) {
        if (fixed != null) {
            return;
        }
        if (serverHeap != null) {
            if (process == null) {
                Path jar = Path.of(Params.string("serverJar",
                        "../reference-server/target/chatspec-reference-server.jar"));
                // transfers of big files on a loaded machine outlast the server's 10 s default
                List<String> args = new ArrayList<>(List.of("--transfer-timeout",
                        Params.string("serverTransferTimeout", "600s")));
                args.addAll(hashingArgs(Params.string("serverHashing", "light")));
                process = ServerProcess.start(jar, serverHeap, args, logDir.resolve("server.log"));
            }
        } else if (embedded == null) {
            embedded = ReferenceServer.start(ServerConfig.ephemeral());
        }
    }

    /**
     * The separate server hashes passwords as the embedded one does ({@code light}), so that moving the server to
     * its own JVM changes where it runs, not what it costs: with the command line's default Argon2id (about 66 ms a
     * hash) 100 users logging in within a second already time out. {@code default} keeps the command line's cost,
     * for capacity figures of the server as shipped.
     */
    static List<String> hashingArgs(String hashing) {
        return switch (hashing) {
            case "light" -> List.of("--password-memory", Integer.toString(PasswordHasher.light().memoryKiB()),
                    "--password-iterations", Integer.toString(PasswordHasher.light().iterations()));
            case "default" -> List.of();
            default -> throw new IllegalArgumentException("chatspec.serverHashing: light or default, not " + hashing);
        };
    }

    /** The server JVM this run started, or null (embedded or external target). */
    public ServerProcess process() {
        return process;
    }

    /** The address to connect to; null before {@link #start} for a server this run starts. */
    public InetSocketAddress address() {
        if (fixed != null) {
            return fixed;
        }
        ServerProcess p = process;
        if (p != null) {
            return p.address();
        }
        ReferenceServer s = embedded;
        return s == null ? null : s.address();
    }

    public String describe() {
        if (fixed != null) {
            return fixed.getHostString() + ":" + fixed.getPort();
        }
        if (serverHeap != null) {
            ServerProcess p = process;
            return "reference server JVM -Xmx" + serverHeap + (p == null ? "" : " pid " + p.pid() + " on port "
                    + p.address().getPort());
        }
        return "embedded reference server" + (embedded == null ? "" : " on port " + embedded.port());
    }

    public void stop() {
        ReferenceServer s = embedded;
        embedded = null;
        if (s != null) {
            s.close();
        }
        ServerProcess p = process;
        process = null;
        if (p != null) {
            p.close();
        }
    }
}
