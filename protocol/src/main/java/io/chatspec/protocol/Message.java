package io.chatspec.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * One protocol message: a JSON object. Immutable from the outside: the tree is copied in and never handed out
 * mutable, so a message recorded in a transcript stays what was on the wire. Field values keep their JSON type
 * (a {@code port} sent as a string stays a string), which the conformance suite needs in order to judge them.
 */
public final class Message {
    private final ObjectNode json;
    private final String raw;

    private Message(ObjectNode json, String raw) {
        this.json = json;
        this.raw = raw;
    }

    /** Builds a message from alternating field names and values (String, Number, Boolean or JsonNode). */
    public static Message of(String cmd, Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("fields and values must come in pairs");
        }
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("cmd", cmd);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            put(node, (String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return new Message(node, null);
    }

    /** Wraps a copy of an existing JSON object. */
    public static Message of(ObjectNode node) {
        return new Message(node.deepCopy(), null);
    }

    /** Parses exactly one JSON object; anything else is a {@link MalformedMessageException}. */
    public static Message parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8), text);
    }

    public static Message parse(byte[] utf8) {
        return parse(utf8, null);
    }

    private static Message parse(byte[] utf8, String text) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(utf8);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedMessageException("unreadable input: " + e.getMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedMessageException("empty input");
        }
        if (!node.isObject()) {
            throw new MalformedMessageException("not a JSON object: " + node.getNodeType());
        }
        return new Message((ObjectNode) node, text != null ? text : new String(utf8, StandardCharsets.UTF_8));
    }

    /** The {@code cmd} field if it is a string, else null. */
    public String cmd() {
        return text("cmd");
    }

    /** A string field's value; null when the field is absent or not a JSON string. */
    public String text(String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    /** The {@code result} field if it is a string, else null. */
    public String result() {
        return text("result");
    }

    /** A field's value rendered as text whatever its JSON type (numbers too); null when absent. */
    public String asText(String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A read-only view of a field (a copy for containers); null when absent. */
    public JsonNode get(String field) {
        JsonNode v = json.get(field);
        return v == null || v.isValueNode() ? v : v.deepCopy();
    }

    public boolean has(String field) {
        return json.has(field);
    }

    public boolean isCmd(String cmd) {
        return cmd.equals(cmd());
    }

    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        Iterator<String> it = json.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    /**
     * The same wire text read under other names ({@code --alias}): {@code tree} is what the harness judges,
     * {@link #raw()} stays what the server actually sent.
     */
    public Message reread(ObjectNode tree) {
        return new Message(tree, raw);
    }

    /** A copy of the JSON tree, for callers that need the whole structure (json-path, diffs). */
    public ObjectNode toNode() {
        return json.deepCopy();
    }

    /** A new message with one field set or replaced. */
    public Message with(String field, Object value) {
        ObjectNode copy = json.deepCopy();
        put(copy, field, value);
        return new Message(copy, null);
    }

    /** A new message with one field removed. */
    public Message without(String field) {
        ObjectNode copy = json.deepCopy();
        copy.remove(field);
        return new Message(copy, null);
    }

    /** Compact JSON of the tree (the canonical form this project writes). */
    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] toJsonBytes() {
        try {
            return Json.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The exact text received from the wire, or the canonical JSON for messages built locally. */
    public String raw() {
        return raw != null ? raw : toJson();
    }

    private static void put(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof String s) {
            node.put(field, s);
        } else if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Long l) {
            node.put(field, l);
        } else if (value instanceof Number n) {
            node.put(field, n.doubleValue());
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else if (value instanceof JsonNode j) {
            node.set(field, j.deepCopy());
        } else {
            throw new IllegalArgumentException("unsupported field value type: " + value.getClass());
        }
    }

    /** Equal when the JSON trees are equal (field order and whitespace do not matter). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && json.equals(m.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(json);
    }

    @Override
    public String toString() {
        return raw();
    }
}
