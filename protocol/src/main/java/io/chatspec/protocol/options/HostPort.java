package io.chatspec.protocol.options;

import java.net.InetSocketAddress;

/**
 * The one reading of a server address on every chatspec command line and {@code -Dchatspec.target}:
 * {@code host:port}, {@code [::1]:port} (an IPv6 literal needs its brackets, since its own colons would hide the
 * port), {@code :port} or a bare {@code port}; a missing host is {@value #DEFAULT_HOST}.
 */
public record HostPort(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        checkPort(port);
    }

    /**
     * @throws IllegalArgumentException naming the input and the expected form
     */
    public static HostPort parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected host:port, got nothing");
        }
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("expected [IPv6]:port, got '" + t + "'");
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon != t.indexOf(':')) {
                throw new IllegalArgumentException("an IPv6 address needs brackets, e.g. [::1]:8888; got '" + t + "'");
            }
            host = colon <= 0 ? DEFAULT_HOST : t.substring(0, colon);
            port = colon < 0 ? t : t.substring(colon + 1);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("expected host:port, got '" + t + "'");
        }
        return new HostPort(host, parsePort(port, t));
    }

    /** A TCP port, 1-65535; {@code context} is what the user typed, for the message. */
    public static int parsePort(String text, String context) {
        int p;
        try {
            p = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port with a numeric port, got '" + context + "'");
        }
        checkPort(p);
        return p;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
    }

    /** A resolved socket address (a name is looked up now, as connecting would). */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** The form {@link #parse} reads back: IPv6 literals in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
