package io.chatspec.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The reference server as a child JVM on this test classpath, for tests that must kill it for real. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile(Pattern.quote(ServerMain.READY_PREFIX) + "(.+):(\\d+)");

    private final Process process;
    private final InetSocketAddress address;

    private ServerProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /** Starts {@code ServerMain args} and waits (up to 60 s, a busy machine) for its ready line. */
    public static ServerProcess start(String... args) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new ServerProcess(p, awaitReady(p, () -> ""));
    }

    /**
     * Waits (up to 60 s, a busy machine) for a started server's ready line and returns the address it names; kills
     * the process and fails, with {@code context} appended (e.g. its log), when the first line is anything else.
     */
    public static InetSocketAddress awaitReady(Process p, Supplier<String> context) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
        Matcher m = READY.matcher(String.valueOf(line));
        if (!m.matches()) {
            p.destroyForcibly();
            throw new AssertionError("no ready line from the server, got: " + line + context.get());
        }
        return new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
    }

    public InetSocketAddress address() {
        return address;
    }

    /** SIGKILL: no shutdown hook, no store close, nothing flushed that was not already written. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("server survived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
