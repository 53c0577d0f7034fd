package io.chatspec.protocol.client;

import io.chatspec.protocol.Message;

import java.util.List;

/**
 * An expectation on a client's inbox was not met: the awaited message did not come in time, or something came
 * during a quiet window. Carries what was expected and what was observed, for verdicts and reports.
 */
public class ExpectationFailedException extends AssertionError {
    private final String client;
    private final String expected;
    private final List<Message> observed;
    private final boolean connectionClosed;

    public ExpectationFailedException(String client, String expected, List<Message> observed,
                                      boolean connectionClosed) {
        super(client + ": expected " + expected + "; observed " + (observed.isEmpty() ? "nothing" : observed)
                + (connectionClosed ? " (connection closed by the server)" : ""));
        this.client = client;
        this.expected = expected;
        this.observed = List.copyOf(observed);
        this.connectionClosed = connectionClosed;
    }

    public String client() {
        return client;
    }

    public String expected() {
        return expected;
    }

    /** The messages that were in the inbox when the expectation gave up (unconsumed ones). */
    public List<Message> observed() {
        return observed;
    }

    public boolean connectionClosed() {
        return connectionClosed;
    }
}
