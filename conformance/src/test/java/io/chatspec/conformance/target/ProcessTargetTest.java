package io.chatspec.conformance.target;

import io.chatspec.conformance.crash.FragileServerCommand;
import org.testng.annotations.Test;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** --start's process handling against real processes: wait for the port, restart, stop the whole tree. */
public class ProcessTargetTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    @Test
    public void startWaitsUntilThePortAnswersAndCloseStopsTheProcess() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "process-");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", FragileServerCommand.freePort());
        ProcessTarget target = new ProcessTarget(FragileServerCommand.on(address.getPort(), dir.resolve("pids")),
                address, START_TIMEOUT, dir.resolve("target.log").toFile());
        List<Long> pids;
        try {
            assertTrue(Probe.answers(address, Duration.ofSeconds(1)), "constructor returned before the port answered");
            pids = FragileServerCommand.pids(dir.resolve("pids"));
            assertEquals(pids.size(), 1);
            assertTrue(FragileServerCommand.alive(pids.get(0)));
        } finally {
            target.close();
        }
        assertFalse(FragileServerCommand.alive(pids.get(0)), "close() returned with the server still running");
        assertFalse(Probe.answers(address, Duration.ofMillis(500)));
    }

    @Test
    public void restartBringsBackAServerThatDied() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "process-");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", FragileServerCommand.freePort());
        try (ProcessTarget target = new ProcessTarget(FragileServerCommand.on(address.getPort(), dir.resolve("pids")),
                address, START_TIMEOUT, dir.resolve("target.log").toFile())) {
            long first = FragileServerCommand.pids(dir.resolve("pids")).get(0);
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !Probe.answers(address, Duration.ofMillis(200)));

            target.restart();

            assertTrue(Probe.answers(address, Duration.ofSeconds(1)));
            List<Long> pids = FragileServerCommand.pids(dir.resolve("pids"));
            assertEquals(pids.size(), 2);
            assertNotEquals(pids.get(1), first);
            assertEquals(target.starts(), 2);
        }
    }

    @Test
    public void aCommandThatNeverListensFailsAfterTheStartTimeoutAndIsStopped() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "process-");
        Path pidFile = dir.resolve("pid");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", FragileServerCommand.freePort());
        long t0 = System.nanoTime();
        IllegalStateException e = expectThrows(IllegalStateException.class, () -> new ProcessTarget(
                "echo $$ > " + pidFile + "; exec sleep 60", address, Duration.ofMillis(800), dir.resolve("log").toFile()));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("did not listen on 127.0.0.1:" + address.getPort() + " within 800 ms"),
                e.getMessage());
        assertTrue(elapsedMs >= 800, "gave up after " + elapsedMs + " ms");
        long sleeper = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(FragileServerCommand.alive(sleeper), "the command was left running after the start timeout");
    }

    @Test
    public void aCommandThatExitsBeforeListeningIsReportedWithItsExitCode() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "process-");
        File log = dir.resolve("target.log").toFile();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", FragileServerCommand.freePort());
        IllegalStateException e = expectThrows(IllegalStateException.class,
                () -> new ProcessTarget("echo no config file; exit 3", address, START_TIMEOUT, log));
        assertTrue(e.getMessage().contains("exited with 3 before listening"), e.getMessage());
        assertTrue(Files.readString(log.toPath()).contains("no config file"), "the command's output is not in the log");
    }

    @Test
    public void refusesToStartOnAPortSomethingElseHolds() throws IOException {
        Path marker = Files.createTempDirectory(Path.of("target"), "process-").resolve("ran");
        try (ServerSocket busy = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", busy.getLocalPort());
            IllegalStateException e = expectThrows(IllegalStateException.class,
                    () -> new ProcessTarget("touch " + marker, address, START_TIMEOUT, marker.resolveSibling("log").toFile()));
            assertTrue(e.getMessage().contains("something already listens"), e.getMessage());
        }
        assertFalse(Files.exists(marker), "the command ran although the port was taken");
    }
}
