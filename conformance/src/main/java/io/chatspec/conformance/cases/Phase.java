package io.chatspec.conformance.cases;

/**
 * When a case runs. Core cases run first and in parallel; cases likely to crash a fragile server run after them,
 * one at a time so a crash is pinned on the case that caused it; slow cases (transfer timeouts) run last, in
 * parallel, because they mostly wait.
 */
public enum Phase {
    CORE, RISKY, SLOW
}
