package io.chatspec.conformance.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.testng.annotations.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

/**
 * The embedded reference server narrates timeouts and shutdowns at INFO; on the CLI's console those lines would
 * interleave with the live case lines, so the harness's logback.xml holds the server at WARN.
 */
public class ConsoleLoggingTest {

    @Test
    public void theHarnessLogbackConfigurationWins() {
        URL config = getClass().getClassLoader().getResource("logback.xml");
        assertNotNull(config);
        // the reference server jar ships a logback.xml of its own, with the server at INFO
        assertFalse(config.toString().contains("chatspec-reference-server"), "configured from " + config);
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        assertEquals(logging.getLogger("io.chatspec.server.net.DomainGateway").getEffectiveLevel(), Level.WARN);
        assertTrue(logging.getLogger("io.chatspec.conformance.runner.SuiteRunner").isInfoEnabled(),
                "the harness's own log lines must stay visible");
    }

    /** Logback's console appender writes through System.err as it finds it, so a swapped stream sees its lines. */
    @Test
    public void aRunWithTransferTimeoutsPrintsNoServerChatter() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CliRun run;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run = CliRun.of("--include", "file.timeout.receiver-absent", "--transfer-timeout", "500ms");
        } finally {
            System.setErr(original);
        }
        assertEquals(run.exitCode(), 0, run.console());
        String logged = captured.toString(StandardCharsets.UTF_8);
        assertFalse(logged.contains("i.c.s."), "server log lines reached the console:\n" + logged);
        assertFalse(logged.contains(" INFO "), "INFO lines reached the console:\n" + logged);
    }
}
