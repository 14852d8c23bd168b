package io.usp4j.mtp.mqtt;

/** An MQTT broker a test starts on 127.0.0.1 and may stop and start again on the same port. */
interface TestBroker extends AutoCloseable {
    /** Its TCP port. */
    int port();

    /** Starts it (again). */
    void start() throws Exception;

    /** Stops it; its sessions and subscriptions are gone. */
    void stop() throws Exception;

    /** Stops it for good. */
    @Override
    void close();
}
