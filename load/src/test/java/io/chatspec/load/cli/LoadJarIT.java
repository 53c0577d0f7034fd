package io.chatspec.load.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.protocol.Json;
import io.chatspec.server.ReferenceServer;
import io.chatspec.server.ServerConfig;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.fail;

/**
 * The runnable jar as a user runs it: {@code java -jar chatspec-load.jar} in its own process, with nothing else
 * on its class path, against a reference server started here. One short PrivateChatSimulation with a reachable
 * SLO (exit 0, HTML report, JSON summary), the same with an impossible SLO (exit 2), and {@code --list}.
 */
public class LoadJarIT {
    private static final long TIMEOUT_SECONDS = 120;
    private ReferenceServer server;
    private Path work;

    @BeforeClass
    public void start() throws IOException {
        server = ReferenceServer.start(ServerConfig.ephemeral());
        work = Path.of(System.getProperty("chatspec.test.results", "target/gatling-test"))
                .resolve("jar-" + Long.toString(System.currentTimeMillis(), 36)).toAbsolutePath();
        Files.createDirectories(work);
    }

    @AfterClass(alwaysRun = true)
    public void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void shortRunWithAReachableSloExitsZeroAndSaysWhereItsReportsAre() throws Exception {
        Path out = work.resolve("ok");
        Run run = jar("PrivateChatSimulation", "--target", "127.0.0.1:" + server.port(), "--users", "2",
                "--rate", "20", "--duration", "1", "--out", out.toString(), "-P", "baseline=false");
        assertEquals(run.status, 0, run.log);

        Path summary = out.resolve("PrivateChatSimulation-0.json");
        assertTrue(run.log.contains("JSON summary: " + summary), run.log);
        JsonNode json = Json.MAPPER.readTree(summary.toFile());
        assertEquals(json.path("target").asText(), "127.0.0.1:" + server.port());
        assertEquals(json.path("deliveries").path("delivered").asLong(), 20, json.toString());
        assertEquals(json.path("requests").path("deliver private_chat").path("ok").asLong(), 20, json.toString());

        Path reports = out.resolve("gatling");
        List<Path> runs;
        try (Stream<Path> s = Files.list(reports)) {
            runs = s.filter(d -> Files.exists(d.resolve("index.html"))).toList();
        }
        assertEquals(runs.size(), 1, "one Gatling report folder under " + reports);
        assertTrue(run.log.contains("Gatling report: " + runs.get(0).resolve("index.html")), run.log);
    }

    @Test
    public void anImpossibleSloExitsNonZero() throws Exception {
        Run run = jar("PrivateChat", "--target", "127.0.0.1:" + server.port(), "--users", "2", "--rate", "20",
                "--duration", "1", "--slo-error-pct", "-1", "--no-html", "--out", work.resolve("breach").toString(),
                "-P", "baseline=false");
        assertEquals(run.status, LoadCli.BREACHED, run.log);
        assertTrue(run.log.contains("SLO BREACHED"), run.log);
    }

    @Test
    public void listNamesEverySimulationWithItsParameters() throws Exception {
        Run run = jar("--list");
        assertEquals(run.status, 0, run.log);
        for (Class<?> c : SimulationCatalog.ALL) {
            assertTrue(run.log.contains(c.getSimpleName() + "\n"), c.getSimpleName() + " missing:\n" + run.log);
        }
        assertTrue(run.log.contains("capacity.stepSeconds"), run.log);
    }

    private record Run(int status, String log) {
    }

    private Run jar(String... args) throws Exception {
        Path jar = Path.of(System.getProperty("chatspec.load.jar", "target/chatspec-load.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first (mvn package): " + jar.toAbsolutePath());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(work, "jar", ".log");
        // a clean working directory: the jar must not need the source tree or Maven's target/
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("java -jar still running after " + TIMEOUT_SECONDS + " s: " + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }
}
