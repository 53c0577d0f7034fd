package io.chatspec.server;

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
        description = "Runs the chatspec reference server: the JSON-over-TCP chat protocol and its file relay.")
public final class ServerMain implements Callable<Integer> {
    public static final String READY_PREFIX = "chatspec reference server listening on ";
    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);

    @Option(names = "--host", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on, for chat and relay ports (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8888",
            description = "Chat port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--transfer-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long both parties of a file transfer have to connect: 500ms, 10s, 2m, "
                    + "ISO-8601 (PT10S), or plain seconds (default: ${DEFAULT-VALUE}).")
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
            return new ServerConfig(host, port, transferTimeout, relayPorts, maxMessageSize);
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
        out.println(READY_PREFIX + host + ":" + server.port());
        out.flush();
        return server;
    }

    @Override
    public Integer call() throws InterruptedException {
        ReferenceServer s = startAndAnnounce();
        Thread hook = new Thread(() -> {
            log.info("shutting down");
            s.close();
        }, "chatspec-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        s.awaitTermination();
        return 0;
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, ISO-8601 {@code PT10S}, or a plain number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parseDuration(value);
        }
    }

    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            char unit = v.charAt(v.length() - 1);
            String number = v.substring(0, v.length() - 1).trim();
            return switch (unit) {
                case 's' -> Duration.ofMillis(Math.round(Double.parseDouble(number) * 1000));
                case 'm' -> Duration.ofMinutes(Long.parseLong(number));
                case 'h' -> Duration.ofHours(Long.parseLong(number));
                default -> Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
            };
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration (try 500ms, 10s, 2m, PT10S or a number of seconds)");
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
