package io.usp4j.mtp.mqtt.testing;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * An MQTT broker a test starts on 127.0.0.1 and may stop and start again on the same port: {@link ArtemisBroker}
 * (embedded) or {@link MosquittoBroker} (a process). Not thread-safe beyond what each implementation says: the
 * test thread starts, stops and closes it.
 */
public interface TestBroker extends AutoCloseable {
    /** Its plain MQTT TCP port on 127.0.0.1. */
    int port();

    /**
     * Starts it (again), on the same port.
     *
     * @throws Exception when it cannot start
     */
    void start() throws Exception;

    /**
     * Stops it; its sessions and subscriptions are gone.
     *
     * @throws Exception when it cannot stop
     */
    void stop() throws Exception;

    /**
     * Stops it for good, as {@link #stop()}.
     *
     * @throws IllegalStateException when it does not stop
     */
    @Override
    default void close() {
        try {
            stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(getClass().getSimpleName() + " on port " + port() + " did not stop", e);
        }
    }

    /**
     * A TCP port that was free a moment ago, on every address and so on 127.0.0.1 (the operating system's pick
     * for port 0).
     *
     * @throws IOException when no socket can be opened
     */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
