package io.chatspec.conformance.cli;

import io.chatspec.conformance.cases.CaseCatalog;
import io.chatspec.conformance.crash.FragileServerCommand;
import org.testng.annotations.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** {@code --list} prints the catalogue and touches no server: no connection, no started process. */
public class ListTest {

    @Test
    public void listConnectsToNothingAndStartsNothing() throws IOException {
        Path marker = Files.createTempDirectory(Path.of("target"), "list-").resolve("started");
        // A listener nobody accepts on: a connection from the CLI would complete in the kernel and wait here.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.of("--list", "--target", "127.0.0.1:" + silent.getLocalPort(),
                    "--start", "touch " + marker);
            assertEquals(run.exitCode(), 0, run.console());
            assertTrue(run.out().contains("register.new"), run.console());
            assertTrue(run.out().contains(CaseCatalog.all().size() + " cases"), run.console());
            silent.setSoTimeout(200);
            expectThrows(SocketTimeoutException.class, silent::accept);
        }
        assertFalse(Files.exists(marker), "--list ran the --start command");
    }

    @Test
    public void listWorksWithAnUnreachableTargetAndHonoursTheSelection() {
        int closed = FragileServerCommand.freePort();
        CliRun run = CliRun.of("--list", "--target", "127.0.0.1:" + closed, "--include", "file.relay.*");
        assertEquals(run.exitCode(), 0, run.console());
        assertTrue(run.out().contains("file.relay.8mib.sender-first"), run.console());
        assertFalse(run.out().contains("register.new"), run.console());
        assertTrue(run.out().contains("8 cases"), run.console());
        assertTrue(run.err().isEmpty(), run.console());
    }
}
