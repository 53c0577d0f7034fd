package io.chatspec.protocol.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatspec.protocol.Message;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names a server spells differently from the spec ({@code login_replay} for {@code login_reply}, a field
 * {@code passwd} for {@code password}), as {@code SERVER_NAME=SPEC_NAME} pairs. A client with aliases reads the
 * server's spelling as the spec's and writes the spec's as the server's, for {@code cmd} values, {@code result}
 * values and field names, so one misspelling does not hide every other rule. The transcript keeps the wire text.
 */
public final class Aliases {
    public static final Aliases NONE = new Aliases(Map.of());

    private final Map<String, String> serverToSpec;
    private final Map<String, String> specToServer = new LinkedHashMap<>();

    private Aliases(Map<String, String> serverToSpec) {
        this.serverToSpec = Collections.unmodifiableMap(new LinkedHashMap<>(serverToSpec));
        serverToSpec.forEach((server, spec) -> specToServer.put(spec, server));
    }

    /** Parses {@code SERVER_NAME=SPEC_NAME} pairs; a malformed pair is an {@link IllegalArgumentException}. */
    public static Aliases parse(List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1 || pair.indexOf('=', eq + 1) >= 0) {
                throw new IllegalArgumentException("alias '" + pair + "' is not SERVER_NAME=SPEC_NAME");
            }
            String server = pair.substring(0, eq).trim();
            String spec = pair.substring(eq + 1).trim();
            if (server.equals(spec) || map.containsKey(server) || map.containsValue(spec)) {
                throw new IllegalArgumentException("alias '" + pair + "' repeats or maps a name to itself");
            }
            map.put(server, spec);
        }
        return map.isEmpty() ? NONE : new Aliases(map);
    }

    public boolean isEmpty() {
        return serverToSpec.isEmpty();
    }

    /** Server name to spec name, in the order given. */
    public Map<String, String> asMap() {
        return serverToSpec;
    }

    /** A received message as the spec spells it. */
    public Message inbound(Message m) {
        return isEmpty() ? m : m.reread(rename(m.toNode(), serverToSpec));
    }

    /** A message to send, as the server spells it. */
    public Message outbound(Message m) {
        return isEmpty() ? m : Message.of(rename(m.toNode(), specToServer));
    }

    private static ObjectNode rename(ObjectNode in, Map<String, String> names) {
        ObjectNode out = in.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String field = names.getOrDefault(f.getKey(), f.getKey());
            JsonNode value = f.getValue();
            boolean word = f.getKey().equals("cmd") || f.getKey().equals("result");
            if (word && value.isTextual() && names.containsKey(value.textValue())) {
                out.put(field, names.get(value.textValue()));
            } else {
                out.set(field, value);
            }
        }
        return out;
    }
}
