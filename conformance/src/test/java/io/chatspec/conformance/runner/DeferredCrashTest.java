package io.chatspec.conformance.runner;

import io.chatspec.conformance.cases.ConformanceCase;
import io.chatspec.conformance.cases.Phase;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.crash.FragileServer.Fault;
import io.chatspec.conformance.crash.FragileServerCommand;
import io.chatspec.conformance.dsl.Actor;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.settings.RunSettings;
import io.chatspec.conformance.target.ProcessTarget;
import io.chatspec.protocol.Commands;
import org.testng.annotations.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static io.chatspec.conformance.dsl.Expect.cmd;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * A server that crashes when a transfer's timer fires dies a second after the case that left the transfer pending
 * has ended, under a case that runs alone: the deadline, not the case running then, takes the blame.
 */
public class DeferredCrashTest {
    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(1);

    @Test
    public void aCrashAtATransferTimeoutIsChargedToTheCaseThatLeftItPending() throws IOException {
        int port = FragileServerCommand.freePort();
        Path dir = Files.createTempDirectory(Path.of("target"), "deferred-");
        ConformanceCase leaves = new ConformanceCase("test.leaves-transfer", "sends send_file and walks away", "test",
                List.of("FILE-2"), Phase.CORE, s -> {
            Actor alice = s.user("alice");
            Actor bob = s.user("bob");
            s.checks("FILE-2");
            alice.sends(s.sendFile(alice, bob, 10, "left.bin"));
            alice.receives(cmd(Commands.SEND_FILE_PORT_REPLY));
        });
        ConformanceCase bystander = new ConformanceCase("test.bystander", "stays quiet past the timeout", "test",
                List.of("FRAME-1"), Phase.RISKY, s -> {
            Actor carol = s.user("carol");
            s.checks("FRAME-1");
            // long enough for the other case's transfer to time out (and the server to die) meanwhile
            carol.client().expectNothing(TRANSFER_TIMEOUT.multipliedBy(2));
        });
        RunSettings settings = RunSettings.builder().replyTimeout(Duration.ofSeconds(5)).transferTimeout(TRANSFER_TIMEOUT)
                .claims(EnumSet.noneOf(Extension.class)).build();
        RunResult run;
        try (ProcessTarget target = new ProcessTarget(FragileServerCommand.on(port, dir.resolve("pids"),
                Fault.TRANSFER_TIMEOUT), new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(30),
                dir.resolve("target.log").toFile())) {
            run = new SuiteRunner(target, settings, new RunListener() {
            }).run(List.of(leaves, bystander));
        }
        CaseResult culprit = run.cases().get(0);
        CaseResult other = run.cases().get(1);
        assertEquals(culprit.verdict(), Verdict.FAIL, culprit.reason());
        assertTrue(culprit.reason().contains("left a transfer pending"), culprit.reason());
        assertEquals(other.verdict(), Verdict.PASS, other.reason() + " " + other.findings());
        assertTrue(run.restarts().size() >= 1, run.restarts().toString());
        assertEquals(run.restarts().get(0).blamed(), "test.leaves-transfer", run.restarts().toString());
    }
}
