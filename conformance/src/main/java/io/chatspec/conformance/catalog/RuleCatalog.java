package io.chatspec.conformance.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requirement catalog, parsed from the copy of docs/PROTOCOL.md packaged in the jar, so a report always
 * names the rules of the spec version the harness was built from.
 */
public final class RuleCatalog {
    /** Section 0.2 of the spec fixes this exact line format so tools can rely on it. */
    static final Pattern RULE_LINE = Pattern.compile("^- \\*\\*([A-Z]+-\\d+)\\*\\* \\((MUST|SHOULD|INFO)\\) (.+)$");
    private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+)$");
    private static final Pattern SPEC_VERSION = Pattern.compile("Spec version (\\d+)");
    public static final String RESOURCE = "/io/chatspec/conformance/PROTOCOL.md";

    private static volatile RuleCatalog bundled;

    private final Map<String, Rule> rules;
    private final String specVersion;

    private RuleCatalog(Map<String, Rule> rules, String specVersion) {
        this.rules = Collections.unmodifiableMap(rules);
        this.specVersion = specVersion;
    }

    /** The catalog of the spec bundled with this build. */
    public static RuleCatalog bundled() {
        RuleCatalog c = bundled;
        if (c == null) {
            try (InputStream in = RuleCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("PROTOCOL.md is not on the classpath at " + RESOURCE);
                }
                c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = c;
        }
        return c;
    }

    public static RuleCatalog parse(String markdown) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        String section = "";
        String version = "unknown";
        Matcher v = SPEC_VERSION.matcher(markdown);
        if (v.find()) {
            version = v.group(1);
        }
        for (String line : markdown.split("\\R")) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                section = h.group(1).trim();
                continue;
            }
            Matcher m = RULE_LINE.matcher(line);
            if (m.matches()) {
                Rule r = new Rule(m.group(1), Level.valueOf(m.group(2)), m.group(3).trim(), section);
                if (rules.putIfAbsent(r.id(), r) != null) {
                    throw new IllegalStateException("rule " + r.id() + " is defined twice in PROTOCOL.md");
                }
            }
        }
        return new RuleCatalog(rules, version);
    }

    public List<Rule> rules() {
        return List.copyOf(rules.values());
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    public Rule get(String id) {
        Rule r = rules.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no rule " + id + " in PROTOCOL.md");
        }
        return r;
    }

    public String specVersion() {
        return specVersion;
    }
}
