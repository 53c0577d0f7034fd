package io.chatspec.conformance.mutation;

import io.chatspec.conformance.EmbeddedServerHolder;
import io.chatspec.conformance.cases.CaseCatalog;
import io.chatspec.conformance.catalog.Extension;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.conformance.runner.RunListener;
import io.chatspec.conformance.settings.RunSettings;
import io.chatspec.conformance.runner.Selection;
import io.chatspec.conformance.runner.SuiteRunner;
import io.chatspec.conformance.target.ExternalTarget;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * The harness relays in the seed's order: against a server that sends {@code recv_file_port_reply} only after the
 * sender connected, sender-first transfers PASS and receiver-first ones are INFO ("receiver cannot connect first")
 * with the receiver's port message still judged (FILE-3 PASS), where the old order FAILed FILE-3 after a timeout.
 */
public class RelayOrderTest {
    private static final ProxyRelay.Behaviour LATE_RECEIVER_PORT = new ProxyRelay.Behaviour(true, false, false);

    @BeforeClass
    public void onlyAgainstTheEmbeddedServer() {
        if (EmbeddedServerHolder.externalTarget() != null) {
            throw new SkipException("runs against the embedded reference server behind a fault proxy");
        }
    }

    @Test
    public void aServerThatAnnouncesEarlyIsJudgedInBothOrders() throws IOException {
        Map<String, CaseResult> r = run(new ProxyRelay.Behaviour(false, false, false), 0,
                "file.relay.1b.* file.timeout.sender-absent");
        for (CaseResult c : r.values()) {
            assertEquals(c.verdict(), Verdict.PASS, c.id() + ": " + c.reason());
        }
    }

    @Test
    public void receiverFirstIsInfoWhenThePortMessageComesAfterTheSender() throws IOException {
        Map<String, CaseResult> r = run(LATE_RECEIVER_PORT, 0, "file.relay.1b.* file.relay.64kib.*");
        for (String size : List.of("1b", "64kib")) {
            CaseResult receiverFirst = r.get("file.relay." + size + ".receiver-first");
            assertEquals(receiverFirst.verdict(), Verdict.INFO, receiverFirst.reason());
            assertTrue(receiverFirst.reason().contains("receiver cannot connect first"), receiverFirst.reason());
            assertEquals(receiverFirst.ruleVerdicts().get("FILE-3"), Verdict.PASS, receiverFirst.ruleVerdicts().toString());
            assertEquals(receiverFirst.ruleVerdicts().get("FILE-7"), Verdict.INFO, receiverFirst.ruleVerdicts().toString());
            CaseResult senderFirst = r.get("file.relay." + size + ".sender-first");
            assertEquals(senderFirst.verdict(), Verdict.PASS, senderFirst.reason());
        }
    }

    /** The sender's timeout is still judged; only the part that needs the receiver connected first is INFO. */
    @Test
    public void senderAbsentStillJudgesTheTimeout() throws IOException {
        CaseResult c = run(LATE_RECEIVER_PORT, 0, "file.timeout.sender-absent").get("file.timeout.sender-absent");
        assertEquals(c.verdict(), Verdict.INFO, c.reason());
        assertEquals(c.ruleVerdicts().get("FILE-14"), Verdict.PASS, c.ruleVerdicts().toString());
        assertEquals(c.ruleVerdicts().get("FILE-15"), Verdict.INFO, c.ruleVerdicts().toString());
    }

    /** Filling the relay ports is setup; it must not wait for port messages that come only once someone connects. */
    @Test
    public void relayBusyDoesNotWaitForTheReceiversPortMessage() throws IOException {
        int ports = EmbeddedServerHolder.get().relayPortCount();
        CaseResult c = run(LATE_RECEIVER_PORT, ports, "edge.relay-busy").get("edge.relay-busy");
        assertEquals(c.verdict(), Verdict.PASS, c.reason() + " " + c.findings().stream().map(Finding::message).toList());
    }

    private static Map<String, CaseResult> run(ProxyRelay.Behaviour behaviour, int relayPorts, String cases)
            throws IOException {
        RelayFaults.RelayFault fault = new RelayFaults.RelayFault("relay-order", behaviour, cases, java.util.Set.of());
        try (FaultProxy proxy = new FaultProxy(EmbeddedServerHolder.get().address(), fault)) {
            RunSettings settings = RunSettings.builder().transferTimeout(EmbeddedServerHolder.TRANSFER_TIMEOUT)
                    .claims(EnumSet.allOf(Extension.class)).parallelism(4).relayPortCount(relayPorts).build();
            RunResult r = new SuiteRunner(new ExternalTarget(proxy.address()), settings, new RunListener() {
            }).run(Selection.including(fault.cases()).from(CaseCatalog.all()));
            return r.cases().stream().collect(Collectors.toMap(CaseResult::id, Function.identity()));
        }
    }
}
