package io.chatspec.conformance.crash;

import io.chatspec.conformance.target.EmbeddedTarget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The {@link FragileServer} as a process of its own, for tests of {@code --start}: on bad input the whole JVM dies
 * at once, without shutdown hooks, like a server that segfaults. Usage: {@code --port P [--pid-file F] [--fault NAME]}; each start
 * appends its pid to F so a test can check that every incarnation is gone at the end.
 */
public final class FragileServerMain {
    /** What a shell reports for a process killed by SIGABRT: the exit a crashing C server would give. */
    static final int CRASH_EXIT = 134;

    private FragileServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path pidFile = null;
        FragileServer.Fault fault = FragileServer.Fault.BAD_JSON;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--pid-file" -> pidFile = Path.of(args[i + 1]);
                case "--fault" -> fault = FragileServer.Fault.parse(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // The pid is on record before the port opens: whoever waits for the port may read it right away.
        if (pidFile != null) {
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        EmbeddedTarget upstream = EmbeddedTarget.start(Duration.ofSeconds(1));
        FragileServer server = FragileServer.start(port, upstream.address(), fault, () -> Runtime.getRuntime().halt(CRASH_EXIT));
        System.out.println("fragile server listening on 127.0.0.1:" + server.address().getPort());
        new CountDownLatch(1).await();
    }
}
