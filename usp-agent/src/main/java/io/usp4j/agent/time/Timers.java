package io.usp4j.agent.time;

import java.time.Duration;

/**
 * Runs tasks on the agent thread after a delay: notification retries, periodic events, subscription
 * expiry. Injected through {@code UspAgent.Builder.timers}, so tests drive time by hand with a clock they
 * control instead of sleeping.
 */
public interface Timers {

    /** A scheduled task that can be called off. */
    interface Timer {
        /** Calls the task off if it has not run; does nothing otherwise. */
        void cancel();
    }

    /**
     * Runs {@code task} on the agent thread once {@code delay} has passed.
     *
     * @param delay how long to wait; zero or negative runs it as soon as possible
     * @param task what to run
     * @return a handle to call it off
     */
    Timer schedule(Duration delay, Runnable task);
}
