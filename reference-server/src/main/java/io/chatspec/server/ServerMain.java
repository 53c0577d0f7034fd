package io.chatspec.server;

import io.chatspec.protocol.options.DurationConverter;
import io.chatspec.protocol.options.Durations;
import io.chatspec.protocol.options.HostPort;
import io.chatspec.server.limits.Fatal;
import io.chatspec.server.password.PasswordHasher;
import io.chatspec.server.store.ChatStore;
import io.chatspec.server.store.InMemoryChatStore;
import io.chatspec.server.store.JdbcChatStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * Command line entry point. Prints exactly one line to stdout once the chat port is bound, so launchers can
 * wait for it and read the port: {@code chatspec reference server listening on HOST:PORT}. Everything else
 * goes to stderr. Stops cleanly on SIGTERM / Ctrl-C.
 */
@Command(name = "chatspec-server", mixinStandardHelpOptions = true, versionProvider = ServerMain.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs the chatspec reference server: the JSON-over-TCP chat protocol and its file relay.",
        footer = {"", "DURATION: " + Durations.ACCEPTED + " (as in every chatspec tool)."})
public final class ServerMain implements Callable<Integer> {
    public static final String READY_PREFIX = "chatspec reference server listening on ";
    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on, for chat and relay ports (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8888",
            description = "Chat port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--transfer-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long both parties of a file transfer have to connect: " + Durations.ACCEPTED
                    + " (default: ${DEFAULT-VALUE}).")
    Duration transferTimeout;

    @Option(names = "--relay-ports", defaultValue = "ephemeral", converter = RelayPortsConverter.class,
            description = "Relay listener ports: 'ephemeral' (one OS-chosen port per transfer) or LOW-HIGH; "
                    + "a range also caps concurrent transfers (default: ${DEFAULT-VALUE}).")
    RelayPortRange relayPorts;

    @Option(names = "--max-message-size", defaultValue = "65536",
            description = "Longest message in bytes; longer ones get too_large and a close (default: ${DEFAULT-VALUE}).")
    int maxMessageSize;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep accounts, friendships, groups and memberships in an H2 database in DIR, each change "
                    + "written before its reply (default: in memory, gone when the server stops).")
    Path data;

    @Option(names = "--password-memory", paramLabel = "KIB", defaultValue = "" + PasswordHasher.DEFAULT_MEMORY_KIB,
            description = "Argon2id memory per password hash in KiB (default: ${DEFAULT-VALUE}, OWASP's 7 MiB option).")
    int passwordMemory;

    @Option(names = "--password-iterations", paramLabel = "N", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS,
            description = "Argon2id passes per password hash (default: ${DEFAULT-VALUE}). Stored hashes keep their "
                    + "own parameters, so changing these never locks anyone out.")
    int passwordIterations;

    @Option(names = "--max-buffered", paramLabel = "BYTES", defaultValue = "auto", converter = SizeConverter.class,
            description = "Memory budget for all connections together: unfinished messages, decoder buffers and "
                    + "queued server messages, e.g. 64m, 1g; near it the biggest holders are paused and the worst "
                    + "closed (default: ${DEFAULT-VALUE} = a quarter of the heap).")
    long maxBuffered;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "auto", converter = AutoIntConverter.class,
            description = "Open chat connections; beyond it a new one gets too_many_connections and is closed "
                    + "(default: ${DEFAULT-VALUE} = one per 32 KiB of heap).")
    int maxConnections;

    @Option(names = "--message-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "30s",
            description = "How long a message may stay unfinished before its connection gets message_timeout and "
                    + "is closed (default: ${DEFAULT-VALUE}; a bare number is seconds).")
    Duration messageDeadline;

    @Option(names = "--login-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "60s",
            description = "How long a connection may stay without a logged-in user before it gets login_timeout "
                    + "and is closed (default: ${DEFAULT-VALUE}; a bare number is seconds).")
    Duration loginDeadline;

    @Option(names = "--read-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "60s",
            description = "How long a connection's queue of server messages may go without shrinking (its client "
                    + "does not read) before it is closed (default: ${DEFAULT-VALUE}; a bare number is seconds).")
    Duration readDeadline;

    @Option(names = "--max-name-length", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_NAME_LENGTH,
            description = "Longest user or group name in characters; longer ones get bad_request "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxNameLength;

    @Option(names = "--max-transfers-per-user", paramLabel = "N",
            defaultValue = "" + ServerLimits.DEFAULT_MAX_TRANSFERS_PER_USER,
            description = "File transfers one user may have open at once; more get busy (default: ${DEFAULT-VALUE}).")
    int maxTransfersPerUser;

    @Option(names = "--max-records", paramLabel = "N", defaultValue = "0",
            description = "Records the store may hold (accounts, friendships, groups, memberships); a command that "
                    + "would store more gets busy. 0 (default): one per KiB of heap.")
    long maxRecords;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;

    public ServerMain() {
        this(System.out);
    }

    ServerMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int rc = commandLine(new ServerMain()).execute(args);
        // After a normal run the JVM is already shutting down (SIGTERM); exiting again would block.
        if (rc != 0) {
            System.exit(rc);
        }
    }

    static CommandLine commandLine(ServerMain main) {
        return new CommandLine(main).setExecutionExceptionHandler((e, cl, parsed) -> {
            // Startup failures (port taken, bad host) are operator errors: one line, not a stack trace.
            cl.getErr().println("chatspec-server: " + e.getMessage());
            return 2;
        });
    }

    ServerConfig config() {
        try {
            return new ServerConfig(host, port, transferTimeout, relayPorts, maxMessageSize,
                    new ServerLimits(maxBuffered, maxConnections, messageDeadline, loginDeadline, readDeadline,
                            maxNameLength, maxTransfersPerUser, maxRecords));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Binds and announces; the caller decides how long to run. */
    ReferenceServer startAndAnnounce() {
        ServerConfig config = config();
        PasswordHasher hasher;
        try {
            hasher = new PasswordHasher(passwordMemory, passwordIterations);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ChatStore store = data == null ? new InMemoryChatStore() : JdbcChatStore.open(data);
        ReferenceServer server = ReferenceServer.start(config, store, hasher);
        if (data != null) {
            log.info("keeping accounts, friendships and groups in {}", data.toAbsolutePath());
        }
        // HostPort's form ([::1]:8888 for IPv6), so launchers read it back with HostPort.parse
        out.println(READY_PREFIX + new HostPort(host, server.port()));
        out.flush();
        return server;
    }

    @Override
    public Integer call() throws InterruptedException {
        // A process that cannot serve any more exits, so a supervisor restarts it (issue 9).
        Fatal.exitProcess();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (Fatal.isFatal(e)) {
                Fatal.giveUp("uncaught on " + t.getName() + ": " + e);
            } else {
                log.error("uncaught exception on {}", t.getName(), e);
            }
        });
        ReferenceServer s = startAndAnnounce();
        Thread hook = new Thread(() -> {
            log.info("shutting down");
            s.close();
        }, "chatspec-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        s.awaitTermination();
        return 0;
    }

    /** {@code auto} (0: derived from the heap), a number of bytes, or one with k, m or g (binary units). */
    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parseSize(value);
        }
    }

    static long parseSize(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return 0;
        }
        v = v.endsWith("ib") ? v.substring(0, v.length() - 2) : v.endsWith("b") ? v.substring(0, v.length() - 1) : v;
        try {
            char unit = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
            long factor = switch (unit) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                default -> 1;
            };
            String number = factor == 1 ? v : v.substring(0, v.length() - 1).trim();
            return Math.multiplyExact(Long.parseLong(number), factor);
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a size (try auto, 65536, 512k, 64m or 1g)");
        }
    }

    /** {@code auto} (0: derived from the heap) or a number. */
    static final class AutoIntConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.trim().equalsIgnoreCase("auto")) {
                return 0;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number or auto");
            }
        }
    }

    static final class RelayPortsConverter implements CommandLine.ITypeConverter<RelayPortRange> {
        @Override
        public RelayPortRange convert(String value) {
            try {
                return RelayPortRange.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = ServerMain.class.getResourceAsStream("/chatspec-server-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException ignored) {
                // an unknown version is still a usable answer
            }
            return new String[]{"chatspec reference server " + p.getProperty("version", "unknown")};
        }
    }
}
