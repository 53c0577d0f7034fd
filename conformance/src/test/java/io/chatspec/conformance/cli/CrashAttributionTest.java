package io.chatspec.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatspec.conformance.crash.FragileServer.Fault;
import io.chatspec.conformance.crash.FragileServerCommand;
import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

/**
 * Crashes seen in real servers, each from a {@code --start}ed process that dies of one fault, run through the real
 * CLI: the crash is charged to the right case or rule, whatever {@code --parallel} is, restarts are listed, and no
 * other rule FAILs.
 */
public class CrashAttributionTest {
    private static final String CORE_AND_CROWD = "register.*,login.*,add.*,framing.simultaneous";

    @Test
    public void aCrashUnderConcurrencyIsTheConcurrencyRulesWhateverParallel() {
        CliRun parallel = run(Fault.CONCURRENT, "--include", CORE_AND_CROWD);
        CliRun serial = run(Fault.CONCURRENT, "--include", CORE_AND_CROWD, "--parallel", "1");

        for (CliRun r : new CliRun[]{parallel, serial}) {
            assertEquals(r.exitCode(), 1, r.console());
            assertEquals(r.verdict("framing.simultaneous"), "FAIL", r.console());
            assertEquals(r.result("framing.simultaneous").get("ruleVerdicts").get("FRAME-12").asText(), "FAIL");
            assertEquals(failedRules(r), Set.of("FRAME-12"), r.console());
            JsonNode restarts = root(r).get("restarts");
            assertTrue(restarts.size() >= 1, "no restart listed\n" + r.console());
            assertEquals(root(r).get("summary").get("restarts").asInt(), restarts.size());
            for (JsonNode x : restarts) {
                assertTrue("framing.simultaneous".equals(x.path("blamed").asText(null))
                        || "FRAME-12".equals(x.path("rule").asText(null)), x + "\n" + r.console());
                assertEquals(x.get("exitStatus").asText(), "exit 134 (SIGABRT)", x.toString());
            }
            assertTrue(r.out().contains("restarted it"), "no restart line on the console\n" + r.console());
        }
        assertEquals(verdicts(parallel), verdicts(serial), "--parallel 8 and --parallel 1 judge differently\n"
                + parallel.console() + "\n" + serial.console());
    }

    @Test
    public void anObjectValuedCmdCrashFailsTheRobustnessRuleOnly() {
        CliRun r = run(Fault.OBJECT_CMD, "--include", "register.new,err.unknown-cmd,framing.wrong-types,login.success");
        assertEquals(r.exitCode(), 1, r.console());
        assertEquals(r.verdict("framing.wrong-types"), "FAIL", r.console());
        assertEquals(failedRules(r), Set.of("FRAME-13"), r.console());
        assertEquals(root(r).get("restarts").size(), 1, r.console());
        assertEquals(root(r).get("restarts").get(0).get("blamed").asText(), "framing.wrong-types");
        assertEquals(r.verdict("login.success"), "PASS", r.console());
    }

    /** Timeout cases crash it while they wait, side by side: each is charged when run alone, nothing else. */
    @Test
    public void aCrashWhenATransferTimesOutIsChargedToTheTimeoutCases() {
        CliRun r = run(Fault.TRANSFER_TIMEOUT, "--transfer-timeout", "1s",
                "--include", "register.new,file.length.string,framing.no-newline,file.timeout.*");
        assertEquals(r.exitCode(), 1, r.console());
        assertEquals(r.verdict("file.timeout.receiver-absent"), "FAIL", r.console());
        assertEquals(r.verdict("file.timeout.sender-absent"), "FAIL", r.console());
        // its transfer was due around the first crash: run again alone and waited for, it is cleared
        assertEquals(r.verdict("file.length.string"), "PASS", r.console());
        assertEquals(r.verdict("register.new"), "PASS", r.console());
        assertEquals(r.verdict("framing.no-newline"), "PASS", r.console());
        // one finding, one rule: the crash is FRAME-13's; the timeout replies it prevented are not judged again
        assertEquals(failedRules(r), Set.of("FRAME-13"), r.console());
        assertEquals(r.result("file.timeout.sender-absent").get("ruleVerdicts").get("FRAME-13").asText(), "FAIL");
        for (JsonNode x : root(r).get("restarts")) {
            if (x.path("blamed").asText("").startsWith("file.timeout.")) {
                assertEquals(x.get("rule").asText(), "FRAME-13", x.toString());
            }
        }
        assertTrue(root(r).get("restarts").size() >= 2, r.console());
    }

    private static CliRun run(Fault fault, String... more) {
        int port = FragileServerCommand.freePort();
        Path pids;
        try {
            pids = Files.createTempDirectory(Path.of("target"), "fragile-").resolve("pids");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayList<String> args = new ArrayList<>(java.util.List.of("--start", FragileServerCommand.on(port, pids, fault),
                "--target", "127.0.0.1:" + port, "--reply-timeout", "5s"));
        args.addAll(java.util.List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        FragileServerCommand.pids(pids).forEach(pid -> assertFalse(FragileServerCommand.alive(pid),
                "server process " + pid + " outlived the run"));
        return r;
    }

    private static JsonNode root(CliRun r) {
        try {
            return new ObjectMapper().readTree(r.outputDir().resolve("results.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> failedRules(CliRun r) {
        Set<String> out = new TreeSet<>();
        root(r).get("rules").forEach(x -> {
            if ("FAIL".equals(x.get("verdict").asText())) {
                out.add(x.get("id").asText());
            }
        });
        return out;
    }

    private static Map<String, String> verdicts(CliRun r) {
        Map<String, String> out = new TreeMap<>();
        root(r).get("cases").forEach(c -> out.put(c.get("id").asText(), c.get("verdict").asText()));
        return out;
    }
}
