package io.chatspec.server;

import io.chatspec.protocol.Messages;
import io.chatspec.protocol.client.ChatClient;
import io.chatspec.protocol.options.DurationConverter;
import org.testng.annotations.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

public class ServerMainTest {
    private static final Pattern READY = Pattern.compile("chatspec reference server listening on (.+):(\\d+)");

    @Test(description = "FRAME-1 the CLI binds the configured port, announces it in one stdout line, and serves")
    public void announcesAndServes() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ServerMain main = new ServerMain(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        ServerMain.commandLine(main).parseArgs("--port", "0", "--transfer-timeout", "2s");
        try (ReferenceServer server = main.startAndAnnounce()) {
            String out = stdout.toString(StandardCharsets.UTF_8);
            assertEquals(out, "chatspec reference server listening on 127.0.0.1:" + server.port() + System.lineSeparator());
            assertEquals(server.config().transferTimeout(), Duration.ofSeconds(2));
            try (ChatClient c = ChatClient.connect("cli", server.address())) {
                c.send(Messages.register("cli-user", "pw"));
                assertEquals(c.expectCmd("register_reply", Duration.ofSeconds(5)).result(), "success");
            }
        }
    }

    @Test(description = "FRAME-1 a taken port is a clean startup error, not a half-started server")
    public void portInUse() {
        try (ReferenceServer first = ReferenceServer.start(ServerConfig.ephemeral())) {
            assertThrows(java.io.UncheckedIOException.class,
                    () -> ReferenceServer.start(ServerConfig.ephemeral().withPort(first.port())));
            StringWriter err = new StringWriter();
            int rc = ServerMain.commandLine(new ServerMain(System.out)).setErr(new PrintWriter(err))
                    .execute("--port", Integer.toString(first.port()));
            assertEquals(rc, 2);
            assertTrue(err.toString().contains("cannot listen on 127.0.0.1:" + first.port()), err.toString());
        }
    }

    @Test
    public void optionsBecomeConfig() {
        ServerMain main = new ServerMain(System.out);
        ServerMain.commandLine(main).parseArgs("--host", "0.0.0.0", "--port", "9999", "--transfer-timeout", "500ms",
                "--relay-ports", "9000-9100", "--max-message-size", "1024");
        assertEquals(main.config(), new ServerConfig("0.0.0.0", 9999, Duration.ofMillis(500),
                new RelayPortRange(9000, 9100), 1024));
        ServerMain defaults = new ServerMain(System.out);
        ServerMain.commandLine(defaults).parseArgs();
        assertEquals(defaults.config(), ServerConfig.defaults());
    }

    private static Duration parseDuration(String text) {
        return new DurationConverter().convert(text);
    }

    @Test
    public void durations() {
        assertEquals(parseDuration("10s"), Duration.ofSeconds(10));
        assertEquals(parseDuration("500ms"), Duration.ofMillis(500));
        assertEquals(parseDuration("2m"), Duration.ofMinutes(2));
        assertEquals(parseDuration("1h"), Duration.ofHours(1));
        assertEquals(parseDuration("PT3S"), Duration.ofSeconds(3));
        assertEquals(parseDuration("7"), Duration.ofSeconds(7));
        assertEquals(parseDuration("1.5"), Duration.ofMillis(1500));
        assertEquals(parseDuration("0.25s"), Duration.ofMillis(250));
        assertThrows(CommandLine.TypeConversionException.class, () -> parseDuration("soon"));
        assertThrows(CommandLine.TypeConversionException.class, () -> parseDuration("10x"));
        CommandLine.TypeConversionException e = org.testng.Assert.expectThrows(
                CommandLine.TypeConversionException.class, () -> parseDuration("soon"));
        assertTrue(e.getMessage().contains("'soon' is not a duration"), e.getMessage());
    }

    @Test
    public void badOptionsAreUsageErrors() {
        for (String[] args : new String[][]{{"--relay-ports", "lots"}, {"--transfer-timeout", "soon"},
                {"--port", "http"}, {"--transfer-timeout", "0s"}, {"--port", "70000"}}) {
            StringWriter err = new StringWriter();
            int rc = ServerMain.commandLine(new ServerMain(System.out)).setErr(new PrintWriter(err)).execute(args);
            assertTrue(rc != 0, String.join(" ", args));
            assertFalse(err.toString().isBlank(), String.join(" ", args));
        }
    }

    @Test
    public void helpAndVersion() {
        StringWriter out = new StringWriter();
        assertEquals(ServerMain.commandLine(new ServerMain(System.out)).setOut(new PrintWriter(out)).execute("--help"), 0);
        for (String option : new String[]{"--host", "--port", "--transfer-timeout", "--relay-ports", "--max-message-size"}) {
            assertTrue(out.toString().contains(option), option);
        }
        // the same words as the conformance and load CLIs: a bare number is seconds everywhere
        assertTrue(out.toString().contains("bare number of seconds"), out.toString());
        StringWriter version = new StringWriter();
        assertEquals(ServerMain.commandLine(new ServerMain(System.out)).setOut(new PrintWriter(version)).execute("--version"), 0);
        assertTrue(version.toString().startsWith("chatspec reference server 0."), version.toString());
    }

    @Test(description = "FRAME-1 as a separate process: prints the ready line, serves, and stops cleanly on SIGTERM")
    public void sigtermStopsTheProcess() throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), "--port", "0")
                .redirectErrorStream(false).start();
        try {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            }).get(30, TimeUnit.SECONDS);
            Matcher m = READY.matcher(String.valueOf(line));
            assertTrue(m.matches(), "ready line: " + line);
            InetSocketAddress address = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
            try (ChatClient c = ChatClient.connect("proc", address)) {
                c.send(Messages.register("proc-user", "pw"));
                assertEquals(c.expectCmd("register_reply", Duration.ofSeconds(5)).result(), "success");
            }
            // ProcessHandle.destroy is a plain SIGTERM; Process.destroy would also close our ends of the pipes.
            assertTrue(p.toHandle().destroy());
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "server did not stop on SIGTERM");
            assertEquals(stdout.readLine(), null, "only one line on stdout");
            String log = stderr.get(5, TimeUnit.SECONDS);
            assertTrue(log.contains("shutting down") && log.contains("stopped listening"), log);
        } finally {
            p.destroyForcibly();
        }
    }
}
