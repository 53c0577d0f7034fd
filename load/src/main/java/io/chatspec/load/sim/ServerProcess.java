package io.chatspec.load.sim;

import io.chatspec.protocol.options.HostPort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference server as its own JVM with a fixed heap ({@code -Dchatspec.serverHeap=1g}), so that what it holds
 * is measured apart from the injector: resident memory from {@code /proc} and live heap via {@code jcmd}.
 * Started from the runnable jar ({@code chatspec.serverJar}, default
 * {@code ../reference-server/target/chatspec-reference-server.jar}); the port is read from the server's one
 * ready line on stdout; its log (stderr) goes to a file.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String READY = "chatspec reference server listening on ";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final InetSocketAddress address;

    private ServerProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    public static ServerProcess start(Path jar, String heap, List<String> serverArgs, Path log) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
        Path self = selfJar();
        if (Files.isRegularFile(jar)) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else if (self != null) {
            // run from chatspec-load.jar, which carries the reference server too: no source tree needed
            cmd.addAll(List.of("-cp", self.toString(), "io.chatspec.server.ServerMain"));
        } else {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath() + ": build it with "
                    + "`mvn -B -o -q package -pl reference-server -DskipTests` or set -Dchatspec.serverJar");
        }
        cmd.addAll(List.of("--host", "127.0.0.1", "--port", "0"));
        cmd.addAll(serverArgs);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            String line = readyLine(p);
            InetSocketAddress a = HostPort.parse(line.substring(READY.length())).address();
            return new ServerProcess(p, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readyLine(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // a server that hangs before binding must not hang the run: bound the wait for the ready line
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.startsWith(READY)) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String line = ready.get(60, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("server exited before it was ready, status " + p.waitFor());
            }
            return line;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("reference server did not start", e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public InetSocketAddress address() {
        return address;
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size of the server process in KiB ({@code VmRSS}), or -1 where /proc has none. */
    public long rssKiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Heap in use right after a full collection, in KiB: what the held state really costs, not how much garbage
     * happens to be around. -1 when jcmd is not available. Takes about a second; call it off the event loops.
     */
    public long liveHeapKiB() {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The jar this class was loaded from when it holds the reference server (the shaded load jar), else null. */
    private static Path selfJar() {
        try {
            Path p = Path.of(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && ServerProcess.class.getClassLoader()
                    .getResource("io/chatspec/server/ServerMain.class") != null ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return text;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
