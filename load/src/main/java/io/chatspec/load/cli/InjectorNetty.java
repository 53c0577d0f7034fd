package io.chatspec.load.cli;

/**
 * Netty defaults for the injector's JVM, set before Gatling creates its event loops; a value the user set with
 * {@code java -Dio.netty...} wins. Measured in issue 11 (PrivateChatSimulation, 200 users, 40k msgs/s offered,
 * 30 s, server on the same 2 cores): 2 event loops delivered 31,400 msgs/s at 0.297 CPU-s per 10k, Netty's default
 * of 4 (twice the cores) 26,200 at 0.388; one loop 28,400. More loops than cores only adds context switches
 * between them. The buffer leak detector samples allocations and records a stack trace per touch of a sampled
 * buffer, 2 % of the event loops' samples; the injector is not where leaks are hunted.
 */
final class InjectorNetty {
    private static final String EVENT_LOOPS = "io.netty.eventLoopThreads";
    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    private InjectorNetty() {
    }

    static void applyDefaults() {
        setIfAbsent(EVENT_LOOPS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        setIfAbsent(LEAK_DETECTION, "disabled");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
