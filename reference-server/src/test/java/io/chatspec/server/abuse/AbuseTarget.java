package io.chatspec.server.abuse;

import io.chatspec.server.ServerMain;
import io.chatspec.server.ServerProcess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference server as its own process with a small heap, the way an operator runs it: the shaded jar when
 * the build has made it, else the module's classes. Its log (stderr) goes to a file the test reads afterwards.
 */
final class AbuseTarget implements AutoCloseable {

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private AbuseTarget(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    static AbuseTarget start(Path log, List<String> jvmOptions, List<String> serverArgs) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmOptions);
        String jar = System.getProperty("chatspec.server.jar", "");
        if (!jar.isEmpty() && Files.isRegularFile(Paths.get(jar))) {
            cmd.addAll(List.of("-jar", jar));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
        }
        cmd.addAll(serverArgs);
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        InetSocketAddress address = ServerProcess.awaitReady(p, () -> {
            try {
                return "; log: " + Files.readString(log);
            } catch (IOException e) {
                return "; log unreadable: " + e;
            }
        });
        return new AbuseTarget(p, address, log);
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM and wait: the server logs its final {@code limits:} line on the way out. Returns the exit status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
