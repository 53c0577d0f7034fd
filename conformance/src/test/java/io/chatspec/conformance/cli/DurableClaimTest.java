package io.chatspec.conformance.cli;

import io.chatspec.conformance.crash.FragileServerCommand;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The DURABLE claim, judged for real: the harness starts the reference server (its shaded jar when it has been
 * packaged, which also proves Flyway finds its services there), stops it with SIGTERM and with SIGKILL, starts it
 * again, and checks what survived. With {@code --data} everything PASSes; without, a DURABLE claim FAILs; and the
 * embedded default, which does not claim DURABLE, reports INFO.
 */
public class DurableClaimTest {
    private static final String CASES = "durable.sigterm,durable.sigkill";

    /** A java command line for the reference server on {@code port}, plus {@code extra} options. */
    private static String serverCommand(int port, String... extra) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of(System.getProperty("chatspec.referenceServerJar",
                "../reference-server/target/chatspec-reference-server.jar"));
        List<String> cmd = new ArrayList<>(List.of(quote(java), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx256m"));
        if (Files.isRegularFile(jar)) {
            cmd.addAll(List.of("-jar", quote(jar.toAbsolutePath().toString())));
        } else {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            cmd.addAll(List.of("-cp", quote(classPath), "io.chatspec.server.ServerMain"));
        }
        cmd.addAll(List.of("--port", Integer.toString(port)));
        for (String e : extra) {
            cmd.add(quote(e));
        }
        // exec: the shell is replaced by the server, so the harness's signals reach the JVM itself
        return "exec " + String.join(" ", cmd);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static CliRun run(int port, String command, String claims) {
        // A freshly started JVM answers its first commands slowly on a busy machine (and Argon2 hashes take a
        // while): the generous reply timeout keeps these runs about durability, not latency.
        return CliRun.of("--start", command, "--target", "127.0.0.1:" + port, "--claims", claims,
                "--start-timeout", "60s", "--reply-timeout", "10s", "--include", CASES);
    }

    @Test(description = "DURABLE-1..6 the reference server with --data claims DURABLE and passes, after SIGTERM and SIGKILL")
    public void referenceServerWithDataPasses() throws IOException {
        Path data = Files.createTempDirectory(Path.of("target"), "durable-data-");
        int port = FragileServerCommand.freePort();
        CliRun r = run(port, serverCommand(port, "--data", data.toAbsolutePath().toString()), "DURABLE");
        assertEquals(r.verdict("durable.sigterm"), "PASS", r.console());
        assertEquals(r.verdict("durable.sigkill"), "PASS", r.console());
        assertEquals(r.exitCode(), 0, r.console());
    }

    @Test(description = "without --data the reference server forgets everything: a DURABLE claim FAILs")
    public void inMemoryServerClaimingDurableFails() {
        int port = FragileServerCommand.freePort();
        CliRun r = run(port, serverCommand(port), "DURABLE");
        assertEquals(r.verdict("durable.sigterm"), "FAIL", r.console());
        assertEquals(r.verdict("durable.sigkill"), "FAIL", r.console());
        assertEquals(r.exitCode(), 1, r.console());
    }

    @Test(description = "the embedded default does not claim DURABLE: what it forgets is reported, as INFO")
    public void embeddedDefaultIsInfo() {
        CliRun r = CliRun.of("--include", CASES);
        assertEquals(r.verdict("durable.sigterm"), "INFO", r.console());
        assertEquals(r.verdict("durable.sigkill"), "INFO", r.console());
        assertTrue(r.exitCode() == 0, r.console());
    }
}
