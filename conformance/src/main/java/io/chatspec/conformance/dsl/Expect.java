package io.chatspec.conformance.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatspec.conformance.model.Finding;
import io.chatspec.conformance.model.Verdict;
import io.chatspec.protocol.Commands;
import io.chatspec.protocol.table.CommandTable;
import io.chatspec.protocol.Message;
import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a client must receive: a {@code cmd} and field constraints. Matching is tolerant where the spec lets the
 * harness tolerate (a number whose text equals an expected string, fields beyond the expected ones); each such
 * tolerance is reported by {@link #deviations} as a NON-STRICT finding instead of being silently accepted.
 */
public final class Expect implements Predicate<Message> {
    private final String cmd;
    private final Map<String, FieldCheck> fields = new LinkedHashMap<>();
    private final List<Named> extra = new ArrayList<>();
    private final Set<String> allowedExtraFields = new HashSet<>();
    private boolean anyFields;
    private String rule;
    private boolean stops;
    private String membersField;
    private Set<String> expectedMembers;

    private Expect(String cmd) {
        this.cmd = cmd;
    }

    /** Any message with this {@code cmd}; no field constraints, any fields allowed. */
    public static Expect cmd(String cmd) {
        Expect e = new Expect(cmd);
        e.anyFields = true;
        return e;
    }

    /** Any message satisfying {@code p}, whatever its {@code cmd}: for silences about a kind of message. */
    public static Expect matching(String description, Predicate<Message> p) {
        Expect e = new Expect(null);
        e.anyFields = true;
        return e.where(description, p);
    }

    /** The {@code cmd}s of the messages the spec has a server send: replies, notices, forwards, errors. */
    public static final Set<String> SPEC_SERVER_CMDS = CommandTable.serverCmds();

    /**
     * Any message the spec defines for a server to send. For silences that are about replies and notices: other
     * messages (what a server may add after {@code login_reply}, LOGIN-9 INFO) do not break them.
     */
    public static Expect specMessage() {
        return matching("a reply, notice or forward the spec defines", m -> SPEC_SERVER_CMDS.contains(m.cmd()));
    }

    /** A message with exactly this {@code cmd} and the fields added with {@link #with}. */
    public static Expect msg(String cmd) {
        return new Expect(cmd);
    }

    /** The common reply shape {@code {"cmd":C,"result":R}}. */
    public static Expect reply(String cmd, String result) {
        return msg(cmd).with("result", result);
    }

    /** Exactly the fields and values of {@code sent} (a forward of a client's own message). */
    public static Expect sameAs(Message sent) {
        Expect e = new Expect(sent.cmd());
        for (String f : sent.fieldNames()) {
            if (!f.equals("cmd")) {
                e.withJson(f, sent.get(f));
            }
        }
        return e;
    }

    /** A string field; a JSON number rendering to the same text is tolerated (MSG-2, NON-STRICT). */
    public Expect with(String field, String value) {
        fields.put(field, new FieldCheck(field, "\"" + value + "\"", (node, out) -> {
            if (node == null || node.isNull()) {
                return false;
            }
            if (node.isTextual()) {
                return node.textValue().equals(value);
            }
            if (node.isNumber() && node.asText().equals(value)) {
                out.add(new Finding("MSG-2", Verdict.NON_STRICT, "field '" + field + "' is a JSON number, the spec has a string",
                        "\"" + value + "\"", node.toString()));
                return true;
            }
            return false;
        }));
        return this;
    }

    /** A field with exactly this JSON value and type (used for {@code length}, MSG-3: no tolerance). */
    public Expect withJson(String field, JsonNode value) {
        if (value != null && value.isTextual()) {
            return with(field, value.textValue());
        }
        fields.put(field, new FieldCheck(field, String.valueOf(value), (node, out) -> sameJson(node, value)));
        return this;
    }

    /** Same JSON type and value; numbers compare by value (5 parsed as int equals 5 built as long). */
    public Expect withExactType(String field, JsonNode value) {
        fields.put(field, new FieldCheck(field, String.valueOf(value), (node, out) -> sameJson(node, value)));
        return this;
    }

    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() != b.isIntegralNumber()) {
                return false;
            }
            return a.isIntegralNumber() ? a.bigIntegerValue().equals(b.bigIntegerValue())
                    : a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    /** {@code port}: a JSON integer 1..65535 (FILE-4; a string port is not tolerated). */
    public Expect withPort() {
        fields.put("port", new FieldCheck("port", "an integer 1-65535", (node, out) -> isPort(node), n -> "FILE-4"));
        return this;
    }

    /**
     * {@code port} equal to the one the other party was given: a value that is no port at all breaks FILE-4, a valid
     * port that differs breaks FILE-3 (the two port messages must agree).
     */
    public Expect withPortOf(JsonNode expected) {
        fields.put("port", new FieldCheck("port", String.valueOf(expected), (node, out) -> sameJson(node, expected),
                node -> isPort(node) ? "FILE-3" : "FILE-4"));
        return this;
    }

    private static boolean isPort(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.asLong() >= 1 && node.asLong() <= 65535;
    }

    /** A mismatch of {@code field} (added before with {@link #with} and friends) breaks {@code ruleId}. */
    public Expect fieldRule(String field, String ruleId) {
        FieldCheck c = fields.get(field);
        if (c == null) {
            throw new IllegalArgumentException("no check on field " + field);
        }
        fields.put(field, new FieldCheck(c.field, c.shown, c.check, n -> ruleId));
        return this;
    }

    /**
     * A {@code |}-joined member list equal to {@code members} as a set, each once, no empty entries. A wrong list
     * breaks the member rule its fault is about ({@link #memberRule}), whatever rule the expectation is about: a
     * trailing {@code |} says nothing about Unicode (MSG-4).
     */
    public Expect withMembers(String field, Set<String> members) {
        String shown = members.stream().sorted().collect(Collectors.joining("|"));
        fields.put(field, new FieldCheck(field, "\"" + shown + "\" in any order, each once", (node, out) -> {
            if (node == null || !node.isTextual()) {
                return false;
            }
            List<String> parts = Arrays.asList(node.textValue().split("\\|", -1));
            return parts.size() == new HashSet<>(parts).size() && new HashSet<>(parts).equals(members);
        }));
        membersField = field;
        expectedMembers = Set.copyOf(members);
        return this;
    }

    /**
     * The rule a wrong member list breaks: the right names badly joined (empty entries, repeats, another separator)
     * MEMBER-2; members missing and nobody extra MEMBER-3; extra names and nobody missing MEMBER-4; otherwise (names
     * changed) the expectation's own rule.
     */
    private String memberRule(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        Set<String> got = new HashSet<>(Arrays.asList(node.textValue().split("[|,; ]+")));
        got.remove("");
        if (got.equals(expectedMembers)) {
            return "MEMBER-2";
        }
        if (expectedMembers.containsAll(got)) {
            return "MEMBER-3";
        }
        return got.containsAll(expectedMembers) ? "MEMBER-4" : null;
    }

    /** A field that must be present with any value. */
    public Expect withAny(String field) {
        fields.put(field, new FieldCheck(field, "any value", (node, out) -> node != null));
        return this;
    }

    /** A field that must be absent. */
    public Expect without(String field) {
        fields.put(field, new FieldCheck(field, "absent", (node, out) -> node == null));
        return this;
    }

    /** A json-path (rest-assured GPath) condition on the whole message. */
    public Expect path(String path, Predicate<Object> condition, String description) {
        extra.add(new Named(path + " " + description, m -> {
            try {
                return condition.test(JsonPath.from(m.toJson()).get(path));
            } catch (RuntimeException e) {
                return false;
            }
        }));
        return this;
    }

    public Expect where(String description, Predicate<Message> p) {
        extra.add(new Named(description, p));
        return this;
    }

    /** Fields the server may add without a MSG-5 finding (only where the spec allows them). */
    public Expect allowing(String... fieldNames) {
        allowedExtraFields.addAll(Arrays.asList(fieldNames));
        return this;
    }

    /** The one rule this expectation checks: an unmet expectation FAILs it and no other. */
    public Expect rule(String ruleId) {
        this.rule = ruleId;
        return this;
    }

    /**
     * A near miss of this expectation stops the case instead of letting it go on: for steps whose follow-up is
     * timed (a relay port that the transfer timeout closes while the near miss waited out the reply timeout).
     */
    public Expect stopsOnMismatch() {
        this.stops = true;
        return this;
    }

    public boolean stops() {
        return stops;
    }

    /** The rule set with {@link #rule}, or null: then the step's first rule ({@link Scenario#checks}). */
    public String rule() {
        return rule;
    }

    public String expectedCmd() {
        return cmd;
    }

    /** The expected value of {@code field} when it is a fixed string ({@code result}, names), else null. */
    public String expectedText(String field) {
        FieldCheck c = fields.get(field);
        return c == null || !c.shown.startsWith("\"") || c.shown.indexOf('"', 1) != c.shown.length() - 1 ? null
                : c.shown.substring(1, c.shown.length() - 1);
    }

    /**
     * Why {@code m}, which has the expected {@code cmd}, does not match; null if it matches or its {@code cmd}
     * differs.
     */
    public Mismatch mismatch(Message m) {
        if (cmd == null || !cmd.equals(m.cmd()) || test(m)) {
            return null;
        }
        List<Finding> ignored = new ArrayList<>();
        for (FieldCheck c : fields.values()) {
            JsonNode node = m.get(c.field);
            if (!c.check.test(node, ignored)) {
                return new Mismatch(c.field, c.shown, c.field.equals(membersField) ? memberRule(node) : c.rule.apply(node));
            }
        }
        return new Mismatch(null, toString(), null);
    }

    @Override
    public boolean test(Message m) {
        return evaluate(m, new ArrayList<>());
    }

    /** The tolerated deviations of a message this expectation matched. */
    public List<Finding> deviations(Message m) {
        List<Finding> out = new ArrayList<>();
        evaluate(m, out);
        if (!anyFields) {
            Set<String> extraFields = new TreeSet<>(m.fieldNames());
            extraFields.remove("cmd");
            extraFields.removeAll(fields.keySet());
            extraFields.removeAll(allowedExtraFields);
            if (!extraFields.isEmpty()) {
                out.add(new Finding("MSG-5", Verdict.NON_STRICT, cmd + " carries fields the spec does not show: "
                        + extraFields, toString(), m.raw()));
            }
        }
        return out;
    }

    private boolean evaluate(Message m, List<Finding> out) {
        if (cmd != null && !cmd.equals(m.cmd())) {
            return false;
        }
        for (FieldCheck c : fields.values()) {
            JsonNode node = m.get(c.field);
            if (!c.check.test(node, out)) {
                return false;
            }
        }
        for (Named n : extra) {
            if (!n.predicate.test(m)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        if (cmd == null) {
            return extra.stream().map(n -> n.description).collect(Collectors.joining(" and "));
        }
        StringBuilder sb = new StringBuilder("{\"cmd\":\"").append(cmd).append('"');
        for (FieldCheck c : fields.values()) {
            sb.append(",\"").append(c.field).append("\":").append(c.shown);
        }
        if (anyFields) {
            sb.append(",...");
        }
        sb.append('}');
        for (Named n : extra) {
            sb.append(" where ").append(n.description);
        }
        return sb.toString();
    }

    /** Names in a member string, for observations. */
    public static Set<String> memberSet(String member) {
        return member == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(member.split("\\|", -1)));
    }

    @FunctionalInterface
    private interface NodeCheck {
        boolean test(JsonNode node, List<Finding> deviations);
    }

    /**
     * @param rule the rule a mismatch of this field breaks, given the value that arrived; null when it is the
     *             expectation's own
     */
    private record FieldCheck(String field, String shown, NodeCheck check, java.util.function.Function<JsonNode, String> rule) {
        FieldCheck(String field, String shown, NodeCheck check) {
            this(field, shown, check, node -> null);
        }
    }

    /**
     * Why a message with the expected {@code cmd} still did not match: the first field that differs and the rule
     * that mismatch breaks (the field's own rule, else null for the expectation's rule).
     */
    public record Mismatch(String field, String expected, String rule) {
        public String describe(Message m) {
            JsonNode actual = field == null ? null : m.get(field);
            return field == null ? "the message did not meet " + expected
                    : "field '" + field + "' is " + (actual == null ? "missing" : actual.toString()) + ", expected " + expected;
        }
    }

    private record Named(String description, Predicate<Message> predicate) {
    }
}
