package io.chatspec.load.simulations;

import io.chatspec.load.metrics.LoadMetrics;
import io.chatspec.load.sim.ChatSimulation;
import io.chatspec.load.sim.Describe;
import io.chatspec.load.sim.Describe.Param;
import io.chatspec.load.sim.Feeders;
import io.chatspec.load.sim.LoopbackBaseline;
import io.chatspec.load.sim.Params;
import io.gatling.javaapi.core.ScenarioBuilder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.chatspec.load.gatling.ChatDsl.*;
import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Concurrent relayed transfers between pairs: {@code send_file} (port reply), {@code relay send},
 * {@code relay receive} (length and SHA-256 checked against the bytes sent). The summary has the aggregate
 * relay MB/s and, with {@code baseline=true}, a direct loopback copy of the same size and concurrency measured in
 * the same run.
 *
 * <p>{@code -Dchatspec.transfers} (concurrent, default 2), {@code fileSize} (bytes, K/M/G suffix, default 1M),
 * {@code baseline} (default true).
 */
@Describe(value = "Concurrent file relays: send_file, relay send, relay receive (length and SHA-256 checked), MB/s against a direct loopback copy", params = {
        @Param(name = "transfers", defaultValue = "2", help = "concurrent transfers"),
        @Param(name = "fileSize", defaultValue = "1M", help = "bytes per file (K/M/G suffix)"),
        @Param(name = "baseline", defaultValue = "true", help = "also measure a direct loopback copy of the same size and concurrency")})
public class FileTransferSimulation extends ChatSimulation {
    private final int transfers = Params.integer("transfers", 2);
    private final long fileSize = Params.bytes("fileSize", 1 << 20);
    private final Duration wait = Params.seconds("waitTimeout", 120);

    private final ScenarioBuilder pairs = scenario("file transfer")
            .feed(Feeders.pairs(run))
            .exec(connect(), register("#{me}", PASSWORD), login("#{me}", PASSWORD),
                    rendezvous("#{pair}/online", 2, wait))
            .doIfOrElse("#{initiator}")
            .then(exec(sendFile("#{me}", "#{partner}", fileSize)))
            .orElse(exec(receiveFile(wait)))
            .exec(rendezvous("#{pair}/done", 2, wait), offline("#{me}"), close());

    {
        setUp(pairs.injectOpen(atOnceUsers(transfers * 2)).protocols(protocol())).assertions(slo(120_000));
    }

    @Override
    protected Map<String, Object> extraResults(LoadMetrics metrics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("transfers", transfers);
        r.put("fileSizeBytes", fileSize);
        r.put("relayReceiveMBps", Math.round(metrics.megabytesPerSecond("relay receive") * 10) / 10.0);
        r.put("relayReceivedBytes", metrics.bytes("relay receive"));
        if (Params.flag("baseline", true)) {
            r.put("loopbackDirectMBps", LoopbackBaseline.run(transfers, fileSize));
        }
        System.out.println("chatspec: " + r);
        return r;
    }
}
