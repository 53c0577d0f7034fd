package io.chatspec.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatspec.conformance.catalog.Rule;
import io.chatspec.conformance.catalog.RuleCatalog;
import io.chatspec.conformance.judge.Judge;
import io.chatspec.conformance.judge.RuleVerdict;
import io.chatspec.conformance.model.CaseResult;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Restart;
import io.chatspec.conformance.model.RunResult;
import io.chatspec.protocol.client.TranscriptEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** results.json: the machine-readable record of a run (schema version 1, documented in docs/CONFORMANCE.md). */
public final class JsonReport {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static Path write(RunResult run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("results.json");
        MAPPER.writeValue(file.toFile(), toJson(run));
        return file;
    }

    public static ObjectNode toJson(RunResult run) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("tool", "chatspec-conformance");
        root.put("specVersion", run.specVersion());
        root.put("runTag", run.runTag());
        ObjectNode target = root.putObject("target");
        target.put("description", run.target());
        run.claims().forEach(target.putArray("claims")::add);
        root.put("startedAt", run.startedAt().toString());
        root.put("durationMs", run.durationMs());
        root.put("strict", run.strict());
        root.set("options", MAPPER.valueToTree(run.options()));
        ObjectNode summary = root.putObject("summary");
        summary.put("total", run.cases().size());
        run.counts().forEach((v, n) -> summary.put(v.label(), n));
        summary.put("exitCode", run.exitCode());
        summary.put("restarts", run.restarts().size());
        root.set("rules", rules(run));
        ArrayNode restarts = root.putArray("restarts");
        for (Restart r : run.restarts()) {
            ObjectNode n = restarts.addObject();
            n.put("at", r.at().toString());
            n.put("phase", r.phase());
            r.inFlight().forEach(n.putArray("inFlight")::add);
            n.put("blamed", r.blamed());
            n.put("rule", r.rule());
            n.put("why", r.why());
            n.put("exitStatus", r.exitStatus());
        }
        ArrayNode cases = root.putArray("cases");
        run.cases().forEach(c -> cases.add(caseJson(c)));
        return root;
    }

    /** Per rule, as {@link Judge#perRule} combines the cases: the same verdicts every output shows. */
    private static ArrayNode rules(RunResult run) {
        ArrayNode out = MAPPER.createArrayNode();
        for (RuleVerdict rv : Judge.perRule(RuleCatalog.bundled(), run.cases())) {
            Rule r = rv.rule();
            ObjectNode n = out.addObject();
            n.put("id", r.id());
            n.put("level", r.level().name());
            n.put("section", r.section());
            n.put("text", r.text());
            n.put("verdict", rv.label());
            rv.cases().forEach(n.putArray("cases")::add);
        }
        return out;
    }

    static ObjectNode caseJson(CaseResult c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", c.id());
        n.put("title", c.title());
        n.put("category", c.category());
        c.rules().forEach(n.putArray("rules")::add);
        n.put("verdict", c.verdict().label());
        ObjectNode rv = n.putObject("ruleVerdicts");
        c.ruleVerdicts().forEach((r, v) -> rv.put(r, v.label()));
        n.put("startedAt", c.startedAt().toString());
        n.put("durationMs", c.durationMs());
        n.put("reason", c.reason());
        n.put("expected", c.expected());
        n.put("observed", c.observed());
        ArrayNode fs = n.putArray("findings");
        for (Finding f : c.findings()) {
            ObjectNode fn = fs.addObject();
            fn.put("rule", f.rule());
            fn.put("verdict", f.verdict().label());
            fn.put("message", f.message());
            fn.put("expected", f.expected());
            fn.put("observed", f.observed());
        }
        ArrayNode tr = n.putArray("transcript");
        for (TranscriptEntry e : c.transcript()) {
            ObjectNode en = tr.addObject();
            en.put("seq", e.seq());
            en.put("at", e.at().toString());
            en.put("client", e.client());
            en.put("direction", e.direction().name());
            en.put("text", e.text());
            if (e.frame() != null) {
                en.put("newline", e.frame().terminator().name());
                en.put("sharedSegment", e.frame().sharedRead());
            }
        }
        return n;
    }
}
