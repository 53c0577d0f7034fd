package io.chatspec.conformance.cli;

import io.chatspec.conformance.EmbeddedServerHolder;
import io.chatspec.conformance.crash.FragileServer;
import io.chatspec.conformance.crash.FragileServerCommand;
import io.chatspec.conformance.target.Probe;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * A target that dies on bad JSON, run through the real CLI: the case that killed it FAILs with a crash finding; the
 * rest are ERROR when the harness cannot bring it back, and get real verdicts when it started the target itself.
 * The selection puts two core cases before the killer (err.bad-json, risky) and two risky ones after it.
 */
public class CrashToleranceTest {
    private static final String CASES = "register.new,login.success,err.bad-json,sess.no-login-needed,edge.failed-login-keeps";
    private static final List<String> BEFORE = List.of("register.new", "login.success");
    private static final List<String> AFTER = List.of("sess.no-login-needed", "edge.failed-login-keeps");
    /** The fragile server closes its port when it dies, so the probe finds the connection refused. */
    private static final String CRASH_LINE = "target crashed (it refuses connections) after err.bad-json";

    @Test
    public void withoutStartTheCulpritFailsAndTheRestAreError() throws IOException {
        try (FragileServer fragile = FragileServer.start(0, EmbeddedServerHolder.get().address(), () -> { })) {
            CliRun run = CliRun.of("--target", "127.0.0.1:" + fragile.address().getPort(), "--claims", "all",
                    "--include", CASES);
            assertTrue(fragile.crashed(), "the fragile server never met its bad input\n" + run.console());
            assertCulpritAndErrors(run);
        }
    }

    /** An unclaimed extension case reports INFO for what it saw; a crash it caused must still be pinned on it. */
    @Test
    public void aCrashInAnUnclaimedExtensionCaseIsStillPinnedOnThatCase() throws IOException {
        try (FragileServer fragile = FragileServer.start(0, EmbeddedServerHolder.get().address(), () -> { })) {
            CliRun run = CliRun.of("--target", "127.0.0.1:" + fragile.address().getPort(), "--include", CASES);
            assertTrue(fragile.crashed(), run.console());
            assertCulpritAndErrors(run);
        }
    }

    private static void assertCulpritAndErrors(CliRun run) {
        assertEquals(run.exitCode(), 1, run.console());
        BEFORE.forEach(id -> assertEquals(run.verdict(id), "PASS", id + "\n" + run.console()));
        assertEquals(run.verdict("err.bad-json"), "FAIL", run.console());
        assertTrue(run.reason("err.bad-json").startsWith(CRASH_LINE), run.console());
        assertTrue(run.out().contains(CRASH_LINE), "no crash line on the console\n"
                + run.console());
        for (String id : AFTER) {
            assertEquals(run.verdict(id), "ERROR", id + "\n" + run.console());
            assertEquals(run.reason(id), "target unreachable since it crashed after case err.bad-json", run.console());
        }
    }

    @Test
    public void withStartTheTargetIsRestartedAfterTheCrashAndStoppedAtTheEnd() throws IOException {
        int port = FragileServerCommand.freePort();
        Path pidFile = Files.createTempDirectory(Path.of("target"), "fragile-").resolve("pids");
        // A freshly started JVM answers its first commands slowly on a busy machine; the generous reply timeout
        // keeps this test about restarting, not about latency (passing steps never wait for it).
        CliRun run = CliRun.of("--start", FragileServerCommand.on(port, pidFile), "--target", "127.0.0.1:" + port,
                "--claims", "all", "--parallel", "1", "--reply-timeout", "8s", "--include", CASES);

        assertEquals(run.exitCode(), 1, run.console());
        BEFORE.forEach(id -> assertEquals(run.verdict(id), "PASS", id + "\n" + run.console()));
        assertEquals(run.verdict("err.bad-json"), "FAIL", run.console());
        assertTrue(run.reason("err.bad-json").startsWith(CRASH_LINE), run.console());
        // the cases after the crash ran against the restarted server and were judged on the protocol
        AFTER.forEach(id -> assertEquals(run.verdict(id), "PASS", id + "\n" + run.console()));

        List<Long> pids = FragileServerCommand.pids(pidFile);
        assertEquals(pids.size(), 2, "one start and one restart expected, pids " + pids + "\n" + run.console());
        pids.forEach(pid -> assertFalse(FragileServerCommand.alive(pid), "server process " + pid + " outlived the run"));
        assertFalse(Probe.answers(new java.net.InetSocketAddress("127.0.0.1", port), Duration.ofMillis(500)),
                "something still listens on the target port after the run");
        String log = Files.readString(run.outputDir().resolve("target.log"));
        assertEquals(log.split("fragile server listening on", -1).length - 1, 2, "target.log:\n" + log);
    }
}
