package io.usp4j.mtp.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a Paho client down step by step (polite DISCONNECT, forced disconnect, close) for both adapters: a
 * step that fails is logged at debug and the next one still runs, since the client is going away anyway.
 */
final class PahoShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(PahoShutdown.class);

    /** One step of the shutdown. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private PahoShutdown() {}

    /** Runs the steps in order, whatever each of them throws. */
    static void run(String clientId, Step disconnect, Step forceDisconnect, Step close) {
        step(clientId, "disconnect", disconnect);
        step(clientId, "forced disconnect", forceDisconnect);
        step(clientId, "close", close);
    }

    private static void step(String clientId, String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            LOG.debug("MQTT client {}: {} failed while shutting down: {}", clientId, what, e.toString());
        }
    }
}
