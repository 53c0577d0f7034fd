package io.chatspec.load.gatling;

import io.chatspec.load.metrics.Micros;
import io.chatspec.protocol.Message;
import io.chatspec.protocol.files.FileRelay;
import io.chatspec.protocol.files.TransferResult;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The receiving side: waits for a {@code recv_file_port_reply} (request {@code await file offer}), reads the relay
 * until the server closes, and checks length and SHA-256 against what the sender wrote (request
 * {@code relay receive}, KO on any mismatch).
 */
final class ReceiveFileAction extends ConnectedAction<Void> {
    private final Duration offerTimeout;

    ReceiveFileAction(Duration offerTimeout, ChatComponents components, Action next) {
        super("chat receive file", "await file offer", components, next);
        this.offerTimeout = offerTimeout;
    }

    @Override
    protected Void evaluate(Session session, ChatConnection conn, long startMicros) {
        return null;
    }

    @Override
    protected void run(Session session, ChatConnection conn, long start, Void nothing) {
        conn.await(conn::hasFileOffer, offerTimeout, () -> {
            report(session, "await file offer", start, Micros.now(), null);
            receive(session, conn.pollFileOffer());
        }, () -> {
            String why = "no recv_file_port_reply within " + offerTimeout;
            complete(session, "await file offer", start, Micros.now(), why);
        });
    }

    private void receive(Session session, Message offer) {
        String filename = offer.asText("filename");
        long length = Long.parseLong(offer.asText("length"));
        InetSocketAddress relay = new InetSocketAddress(components.protocol().target().getAddress(),
                offer.get("port").intValue());
        Duration timeout = components.protocol().relayTimeout();
        TransferBook.RELAY_IO.execute(() -> {
            long start = Micros.now();
            TransferResult got = FileRelay.receive(relay, null, timeout);
            long end = Micros.now();
            String failure = !got.completed() ? "relay receive: " + got.error()
                    : got.bytes() != length ? "relay receive: " + got.bytes() + " of " + length + " bytes"
                    : null;
            if (failure == null) {
                failure = verify(filename, got, timeout);
            }
            if (failure == null) {
                components.metrics().addTransfer("relay receive", got.bytes(), start, end);
            }
            String result = failure;
            session.eventLoop().execute(() -> {
                complete(session, "relay receive", start, end, result);
            });
        });
    }

    /** Null when the bytes read hash to what the sender wrote. Runs on the relay pool, so it may wait. */
    private static String verify(String filename, TransferResult got, Duration timeout) {
        try {
            TransferResult sent = TransferBook.sent(filename).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            TransferBook.forget(filename);
            return got.sha256().equals(sent.sha256()) ? null
                    : "SHA-256 mismatch: sent " + sent.sha256() + ", received " + got.sha256();
        } catch (Exception e) {
            return "sender of " + filename + " never finished: " + e;
        }
    }
}
