package io.chatspec.load.gatling;

import io.chatspec.protocol.files.TransferResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Meeting point of the two ends of a relayed file within one injector: the sender publishes the SHA-256 of the
 * bytes it wrote under the file name, the receiver compares what it read. Relay sockets are blocking
 * ({@code FileRelay}), so they run on a daemon pool here, never on an event loop.
 */
final class TransferBook {
    static final ExecutorService RELAY_IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "chatspec-relay-io");
        t.setDaemon(true);
        return t;
    });
    private static final ConcurrentHashMap<String, CompletableFuture<TransferResult>> SENT =
            new ConcurrentHashMap<>();

    private TransferBook() {
    }

    static CompletableFuture<TransferResult> sent(String filename) {
        return SENT.computeIfAbsent(filename, k -> new CompletableFuture<>());
    }

    static void forget(String filename) {
        SENT.remove(filename);
    }
}
