package io.chatspec.conformance.dsl;

/**
 * Stops the target and starts it again, for the durability cases (DURABLE-*). Only a target the harness started
 * itself ({@code --start}) can do this; a case that needs it is SKIPPED elsewhere.
 */
public interface Restarter {
    /** How the target is stopped: politely (it may flush and close its files) or not at all. */
    enum How {
        SIGTERM, SIGKILL
    }

    Restarter NONE = new Restarter() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void stopAndStart(How how) {
            throw new CaseSkipped("the target cannot be restarted by the harness (use --start)");
        }
    };

    boolean available();

    /** Returns once the target answers again (possibly on a new address: read {@link CaseEnv#address()} after). */
    void stopAndStart(How how);
}
