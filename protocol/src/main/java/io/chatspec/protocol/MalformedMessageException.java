package io.chatspec.protocol;

/** Thrown when bytes that were framed as one message are not a JSON object. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedMessageException(String message) {
        super(message);
    }
}
