package io.chatspec.load.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** This JVM's CPU time, all threads, user plus system: what the injector costs, per message, beside a plain client. */
final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Nanoseconds of CPU used by this process so far, or -1 where the JVM does not report it. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
