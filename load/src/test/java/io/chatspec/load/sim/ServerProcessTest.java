package io.chatspec.load.sim;

import io.chatspec.protocol.client.ChatClient;
import io.chatspec.server.password.PasswordHasher;
import org.testng.SkipException;
import org.testng.annotations.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

/** The separate server JVM that {@code -Dchatspec.serverHeap} starts: ready line, address, memory readings. */
public class ServerProcessTest {
    private static final Path JAR = Path.of("../reference-server/target/chatspec-reference-server.jar");

    @Test
    public void startsTheJarAndReportsWhatItHolds() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new SkipException("no runnable server jar at " + JAR.toAbsolutePath() + " (package reference-server)");
        }
        Path log = Files.createTempDirectory("server-process").resolve("server.log");
        try (ServerProcess server = ServerProcess.start(JAR, "128m", List.of(), log)) {
            assertTrue(server.address().getPort() > 0, "port from the ready line");
            try (ChatClient client = ChatClient.connect("probe", server.address())) {
                assertTrue(client.isOpen(), "accepts a chat connection");
            }
            assertTrue(server.rssKiB() > 0, "VmRSS read from /proc");
            long heap = server.liveHeapKiB();
            assertTrue(heap > 0 && heap < 128 * 1024, "live heap within -Xmx128m, got " + heap + " KiB");
        }
    }

    @Test
    public void aSeparateServerHashesLikeTheEmbeddedOneUnlessAskedForTheDefault() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new SkipException("no runnable server jar at " + JAR.toAbsolutePath() + " (package reference-server)");
        }
        Path dir = Files.createTempDirectory("server-hashing");
        for (String hashing : List.of("light", "default")) {
            Path log = dir.resolve(hashing + ".log");
            try (ServerProcess server = ServerProcess.start(JAR, "128m", ChatTarget.hashingArgs(hashing), log)) {
                String expected = hashing.equals("light") ? PasswordHasher.light().toString()
                        : PasswordHasher.defaults().toString();
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(log).contains("passwords: " + expected));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ChatTarget.hashingArgs("fast"));
    }
}
