package io.chatspec.load.cli;

import org.testng.annotations.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** Durations and addresses on the load jar's command line read as in every chatspec tool; nothing runs here. */
public class LoadCliOptionsTest {
    private static Map<String, String> properties(String... args) {
        LoadCli cli = new LoadCli();
        new CommandLine(cli).parseArgs(args);
        return cli.properties(Path.of("out"));
    }

    @Test
    public void durationsWithUnitsBecomeTheSecondsTheSimulationsRead() {
        assertEquals(properties("PrivateChat", "--duration", "500ms").get("duration"), "0.5");
        assertEquals(properties("PrivateChat", "--duration", "2m").get("duration"), "120");
        assertEquals(properties("PrivateChat", "--duration", "30").get("duration"), "30");
        assertEquals(properties("PrivateChat", "--duration", "PT1.5S").get("duration"), "1.5");
    }

    @Test
    public void targetsAreNormalisedIncludingIPv6() {
        assertEquals(properties("PrivateChat", "--target", "[::1]:9000").get("target"), "[::1]:9000");
        assertEquals(properties("PrivateChat", "--target", "9000").get("target"), "127.0.0.1:9000");
    }

    @Test
    public void badValuesAreUsageErrorsThatSayWhy() {
        for (String[] args : new String[][]{{"PrivateChat", "--duration", "soon"},
                {"PrivateChat", "--target", "::1:9000"}, {"PrivateChat", "--target", "host:70000"}}) {
            StringWriter err = new StringWriter();
            int rc = new CommandLine(new LoadCli()).setErr(new PrintWriter(err)).execute(args);
            assertEquals(rc, LoadCli.USAGE, String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains("is not a duration") || err.toString().contains("brackets")
                    || err.toString().contains("1-65535"), err.toString());
        }
    }

    @Test
    public void helpSaysWhatABareNumberMeans() {
        StringWriter out = new StringWriter();
        assertEquals(new CommandLine(new LoadCli()).setOut(new PrintWriter(out)).execute("--help"), 0);
        assertTrue(out.toString().contains("bare number of seconds"), out.toString());
    }
}
