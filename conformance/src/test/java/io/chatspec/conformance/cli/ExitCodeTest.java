package io.chatspec.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatspec.conformance.EmbeddedServerHolder;
import io.chatspec.conformance.crash.FragileServerCommand;
import io.chatspec.conformance.mutation.FaultProxy;
import io.chatspec.conformance.mutation.Mutant;
import io.chatspec.conformance.mutation.Mutants;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The CLI's exit codes, as a CI system sees them: 0 nothing failed, 1 a case failed, 2 usage or connection error. */
public class ExitCodeTest {

    @Test
    public void zeroWhenNothingFailed() {
        CliRun run = CliRun.of("--include", "register.new,login.success");
        assertEquals(run.exitCode(), 0, run.console());
        assertTrue(run.out().contains("summary: 2 cases, 2 PASS"), run.console());
    }

    @Test
    public void oneWhenACaseFailed() throws IOException {
        Mutant strangers = Mutants.all().stream().filter(m -> m.name().equals("friend-login-to-strangers"))
                .findFirst().orElseThrow();
        try (FaultProxy proxy = new FaultProxy(EmbeddedServerHolder.get().address(), strangers)) {
            CliRun run = CliRun.of("--target", "127.0.0.1:" + proxy.address().getPort(), "--claims", "all",
                    "--include", "login.friend-login,register.new");
            assertEquals(run.exitCode(), 1, run.console());
            assertEquals(run.verdict("login.friend-login"), "FAIL", run.console());
            assertEquals(run.verdict("register.new"), "PASS", run.console());
            // console and junit.xml name the failed rules results.json does: one aggregation for every output
            List<String> failed = new ArrayList<>();
            new ObjectMapper().readTree(run.outputDir().resolve("results.json").toFile()).get("rules").forEach(r -> {
                if ("FAIL".equals(r.get("verdict").asText())) {
                    failed.add(r.get("id").asText());
                }
            });
            assertTrue(!failed.isEmpty(), run.console());
            assertTrue(run.out().contains("FAIL rules: " + String.join(", ", failed) + "\n"), run.console());
            assertTrue(Files.readString(run.outputDir().resolve("junit.xml"))
                    .contains("<property name=\"rules.FAIL\" value=\"" + String.join(" ", failed) + "\"/>"));
        }
    }

    @Test
    public void twoForAnUnknownOption() {
        CliRun run = CliRun.of("--no-such-option");
        assertEquals(run.exitCode(), 2, run.console());
        assertTrue(run.err().contains("Unknown option: '--no-such-option'"), run.console());
    }

    @Test
    public void twoForABadDuration() {
        CliRun run = CliRun.of("--reply-timeout", "soon");
        assertEquals(run.exitCode(), 2, run.console());
        assertTrue(run.err().contains("'soon' is not a duration"), run.console());
    }

    @Test
    public void twoForAnUnknownExtension() {
        CliRun run = CliRun.of("--claims", "ERR,TELEPATHY", "--include", "register.new");
        assertEquals(run.exitCode(), 2, run.console());
        assertTrue(run.err().contains("TELEPATHY"), run.console());
    }

    @Test
    public void twoWhenNoCaseIsSelected() {
        CliRun run = CliRun.of("--include", "no.such.case");
        assertEquals(run.exitCode(), 2, run.console());
        assertTrue(run.err().contains("no case matches"), run.console());
    }

    @Test
    public void twoWhenTheTargetIsUnreachable() {
        int closed = FragileServerCommand.freePort();
        CliRun run = CliRun.of("--target", "127.0.0.1:" + closed, "--include", "register.*");
        assertEquals(run.exitCode(), 2, run.console());
        assertTrue(run.out().contains("0 PASS") && run.out().contains("0 FAIL"), run.console());
        assertEquals(run.verdict("register.new"), "ERROR", run.console());
        assertEquals(run.reason("register.new"), "target unreachable at 127.0.0.1:" + closed, run.console());
    }

    @Test
    public void twoWhenAStartedTargetNeverListens() {
        int port = FragileServerCommand.freePort();
        CliRun run = CliRun.of("--start", "exec sleep 60", "--target", "127.0.0.1:" + port, "--start-timeout", "1s",
                "--include", "register.new");
        assertEquals(run.exitCode(), 2, run.console());
        assertTrue(run.err().contains("cannot set up the target: 'exec sleep 60' did not listen on 127.0.0.1:" + port
                + " within 1000 ms"), run.console());
    }

    @Test
    public void zeroForHelp() {
        CliRun run = CliRun.of("--help");
        assertEquals(run.exitCode(), 0, run.console());
        assertTrue(run.out().contains("--start-timeout"), run.console());
    }
}
