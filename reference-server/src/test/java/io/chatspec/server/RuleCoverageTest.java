package io.chatspec.server;

import org.testng.annotations.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.testng.Assert.assertTrue;

/**
 * Keeps the test suite honest against docs/PROTOCOL.md: every normative rule the server is responsible for
 * must be named by at least one test in this module (in a description, comment or group). A new rule without
 * a test, or a renamed test that drops an ID, fails the build.
 */
public class RuleCoverageTest {
    /** The rule-line format fixed by PROTOCOL.md section 0.2. */
    private static final Pattern RULE = Pattern.compile("^- \\*\\*([A-Z]+-\\d+)\\*\\* \\((MUST|SHOULD|MAY|INFO)\\) .*$");

    /**
     * Rules that bind clients or the harness rather than the server, with the reason. INFO rules are excluded
     * by level (they require nothing). Currently every non-INFO rule binds the server.
     */
    private static final Map<String, String> NOT_SERVER_RULES = Map.of();

    private static Path doc() {
        return Paths.get(System.getProperty("chatspec.protocolDoc", "../docs/PROTOCOL.md"));
    }

    private static Path testSources() {
        return Paths.get(System.getProperty("chatspec.testSources", "src/test/java"));
    }

    static Map<String, String> rules(Path doc) throws IOException {
        Map<String, String> rules = new LinkedHashMap<>();
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            Matcher m = RULE.matcher(line.strip());
            if (m.matches()) {
                rules.put(m.group(1), m.group(2));
            }
        }
        return rules;
    }

    @Test(description = "every MUST/SHOULD/MAY rule of docs/PROTOCOL.md is named by a test of the reference server")
    public void everyServerRuleHasATest() throws IOException {
        Path doc = doc();
        assertTrue(Files.isRegularFile(doc), "protocol spec not found at " + doc.toAbsolutePath());
        Map<String, String> rules = rules(doc);
        assertTrue(rules.size() >= 100, "only " + rules.size() + " rule lines parsed from " + doc + "; format changed?");

        String tests;
        try (Stream<Path> files = Files.walk(testSources())) {
            tests = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("RuleCoverageTest.java"))
                    .map(RuleCoverageTest::read)
                    .collect(Collectors.joining("\n"));
        }
        List<String> missing = new ArrayList<>();
        rules.forEach((id, level) -> {
            if (level.equals("INFO") || NOT_SERVER_RULES.containsKey(id)) {
                return;
            }
            if (!Pattern.compile("(?<![A-Z0-9-])" + Pattern.quote(id) + "(?![0-9])").matcher(tests).find()) {
                missing.add(id);
            }
        });
        assertTrue(missing.isEmpty(), "rules without a test in reference-server: " + missing);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
