package io.chatspec.conformance.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shell command lines and ports for starting a {@link FragileServerMain} the way {@code --start} would. */
public final class FragileServerCommand {
    private FragileServerCommand() {
    }

    /** {@code java -cp <this test JVM's class path> ...FragileServerMain --port P --pid-file F}, shell-quoted. */
    public static String on(int port, Path pidFile) {
        return on(port, pidFile, FragileServer.Fault.BAD_JSON);
    }

    /** The same, dying of {@code fault}. */
    public static String on(int port, Path pidFile, FragileServer.Fault fault) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // surefire may launch tests through a manifest-only jar; the real class path is in this property then
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return String.join(" ", List.of(quote(java),
                // a short-lived helper JVM: start fast, stay small, on a shared 2-core box
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                "-cp", quote(classPath), FragileServerMain.class.getName(),
                "--port", Integer.toString(port), "--pid-file", quote(pidFile.toString()),
                "--fault", fault.name()));
    }

    /** A port that was free a moment ago (the harness refuses to start a target on a busy one). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pids a {@link FragileServerMain} recorded, one per start. */
    public static List<Long> pids(Path pidFile) {
        try {
            return Files.exists(pidFile)
                    ? Files.readAllLines(pidFile).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
