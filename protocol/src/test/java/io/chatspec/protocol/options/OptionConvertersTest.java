package io.chatspec.protocol.options;

import org.testng.annotations.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

public class OptionConvertersTest {
    /** A command line shaped like the real CLIs' options. */
    static final class Options implements Runnable {
        @CommandLine.Option(names = "--timeout", converter = DurationConverter.class)
        Duration timeout;
        @CommandLine.Option(names = "--target", converter = HostPortConverter.class)
        HostPort target;

        @Override
        public void run() {
        }
    }

    @Test
    public void optionsReadThroughTheSharedParsers() {
        Options o = new Options();
        new CommandLine(o).parseArgs("--timeout", "10", "--target", "[::1]:9000");
        assertEquals(o.timeout, Duration.ofSeconds(10));
        assertEquals(o.target, new HostPort("::1", 9000));
    }

    @Test
    public void badValuesAreUsageErrorsWithTheParsersMessage() {
        StringWriter err = new StringWriter();
        int rc = new CommandLine(new Options()).setErr(new PrintWriter(err)).execute("--timeout", "soon");
        assertEquals(rc, 2);
        assertTrue(err.toString().contains("'soon' is not a duration"), err.toString());
        err = new StringWriter();
        rc = new CommandLine(new Options()).setErr(new PrintWriter(err)).execute("--target", "host:http");
        assertEquals(rc, 2);
        assertTrue(err.toString().contains("numeric port"), err.toString());
    }
}
