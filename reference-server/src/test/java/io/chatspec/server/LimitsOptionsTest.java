package io.chatspec.server;

import org.testng.annotations.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

/** The abuse options on the command line (LIMIT rules) and what they default to. */
public class LimitsOptionsTest {

    private static ServerLimits parse(String... args) {
        ServerMain main = new ServerMain(System.out);
        ServerMain.commandLine(main).parseArgs(args);
        return main.config().limits();
    }

    @Test(description = "LIMIT-1 LIMIT-2 LIMIT-3 LIMIT-4 LIMIT-5 LIMIT-6 every limit is an option")
    public void optionsBecomeLimits() {
        assertEquals(parse("--max-buffered", "64m", "--max-connections", "500", "--message-deadline", "5s",
                        "--login-deadline", "2m", "--read-deadline", "1500ms", "--max-name-length", "32",
                        "--max-transfers-per-user", "2"),
                new ServerLimits(64L * 1024 * 1024, 500, Duration.ofSeconds(5), Duration.ofMinutes(2),
                        Duration.ofMillis(1500), 32, 2));
    }

    @Test
    public void defaultsDeriveFromTheHeap() {
        ServerLimits l = parse();
        assertEquals(l, ServerLimits.defaults());
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(l.effectiveMaxBuffered(), heap / 4);
        assertEquals(l.effectiveMaxConnections(), (int) Math.max(64, Math.min(Integer.MAX_VALUE, heap / (32 * 1024))));
        assertEquals(parse("--max-buffered", "auto", "--max-connections", "auto"), ServerLimits.defaults());
    }

    @Test
    public void sizes() {
        assertEquals(ServerMain.parseSize("65536"), 65536);
        assertEquals(ServerMain.parseSize("512k"), 512 * 1024);
        assertEquals(ServerMain.parseSize("64MiB"), 64L * 1024 * 1024);
        assertEquals(ServerMain.parseSize("1g"), 1024L * 1024 * 1024);
        assertEquals(ServerMain.parseSize("auto"), 0);
        assertThrows(CommandLine.TypeConversionException.class, () -> ServerMain.parseSize("lots"));
    }

    @Test
    public void nonsenseIsAUsageError() {
        for (String[] bad : new String[][]{{"--max-buffered", "1k"}, {"--max-name-length", "0"},
                {"--login-deadline", "0s"}, {"--max-transfers-per-user", "0"}, {"--max-connections", "-1"}}) {
            ServerMain main = new ServerMain(System.out);
            ServerMain.commandLine(main).parseArgs(bad);
            CommandLine.ParameterException e = org.testng.Assert.expectThrows(CommandLine.ParameterException.class,
                    main::config);
            assertTrue(e.getMessage().contains("must"), e.getMessage());
        }
    }
}
