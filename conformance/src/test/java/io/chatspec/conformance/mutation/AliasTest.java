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
import io.chatspec.conformance.runner.SuiteRunner;
import io.chatspec.conformance.target.ExternalTarget;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.client.Aliases;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/**
 * A server that answers {@code login_replay} hides most of the suite behind failed logins; with the matching
 * {@code --alias} the suite reads its spelling, judges everything else, and still FAILs MSG-1 and exits 1.
 */
public class AliasTest {
    private static final Mutant MISSPELT = new Mutants.Spec("login-replay", "MSG-1", "*").server((c, m) ->
            "login_reply".equals(m.cmd()) ? List.of(Message.of(m.toNode().put("cmd", "login_replay"))) : List.of(m));

    @BeforeClass
    public void onlyAgainstTheEmbeddedServer() {
        if (EmbeddedServerHolder.externalTarget() != null) {
            throw new SkipException("runs against the embedded reference server behind a fault proxy");
        }
    }

    @Test
    public void withoutTheAliasMostCasesAreSkippedAndTheHintNamesIt() throws IOException {
        RunResult r = run(Aliases.NONE);
        long skipped = r.counts().get(Verdict.SKIPPED);
        assertTrue(skipped > r.cases().size() / 2, "expected most cases SKIPPED without the alias, got " + r.counts());
        assertTrue(r.cases().stream().anyMatch(c -> c.reason() != null
                && c.reason().contains("--alias login_replay=login_reply")), "no case suggests the alias");
    }

    @Test
    public void withTheAliasTheSuiteRunsAndStillFailsMsg1() throws IOException {
        RunResult r = run(Aliases.parse(List.of("login_replay=login_reply")));
        long skipped = r.counts().get(Verdict.SKIPPED);
        assertTrue(skipped * 10 < r.cases().size(), "SKIPPED " + skipped + " of " + r.cases().size() + ": " + r.counts());
        assertEquals(r.exitCode(), 1);
        Set<String> failed = new TreeSet<>();
        for (CaseResult c : r.cases()) {
            c.findings().stream().filter(f -> f.verdict() == Verdict.FAIL).map(Finding::rule).forEach(failed::add);
        }
        assertEquals(failed, Set.of("MSG-1"), "only the misspelling may FAIL; verdicts " + r.counts());
        assertEquals(r.aliases(), java.util.Map.of("login_replay", "login_reply"));
    }

    private static RunResult run(Aliases aliases) throws IOException {
        try (FaultProxy proxy = new FaultProxy(EmbeddedServerHolder.get().address(), MISSPELT)) {
            RunSettings settings = RunSettings.builder().transferTimeout(EmbeddedServerHolder.TRANSFER_TIMEOUT)
                    .claims(EnumSet.allOf(Extension.class)).parallelism(4).aliases(aliases).build();
            return new SuiteRunner(new ExternalTarget(proxy.address()), settings, new RunListener() {
            }).run(CaseCatalog.all());
        }
    }
}
