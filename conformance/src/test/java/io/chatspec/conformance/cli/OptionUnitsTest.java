package io.chatspec.conformance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.testng.annotations.Test;

import java.io.IOException;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** The CLI reads durations and addresses as every chatspec tool does (protocol's Durations and HostPort). */
public class OptionUnitsTest {
    @Test
    public void aBareNumberIsSecondsAsForTheServer() throws IOException {
        // before the shared parser this was 3 ms here and 3 s to the reference server
        CliRun run = CliRun.of("--include", "register.new", "--reply-timeout", "3", "--quiet-window", "0.25");
        assertEquals(run.exitCode(), 0, run.console());
        JsonNode options = new ObjectMapper().readTree(run.outputDir().resolve("results.json").toFile()).get("options");
        assertEquals(options.get("replyTimeoutMs").asLong(), 3000, options.toString());
        assertEquals(options.get("quietWindowMs").asLong(), 250, options.toString());
    }

    @Test
    public void anIPv6TargetWithoutBracketsIsAUsageError() {
        CliRun run = CliRun.of("--target", "::1:8888", "--include", "register.new");
        assertEquals(run.exitCode(), 2, run.console());
        assertTrue(run.err().contains("[::1]:8888"), run.console());
    }

    @Test
    public void helpSaysWhatABareNumberMeans() {
        CliRun run = CliRun.of("--help");
        assertEquals(run.exitCode(), 0, run.console());
        assertTrue(run.out().contains("bare number of seconds"), run.console());
    }
}
