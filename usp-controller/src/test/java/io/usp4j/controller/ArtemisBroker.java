package io.usp4j.controller;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An embedded ActiveMQ Artemis speaking MQTT 3.1.1 and 5.0 on 127.0.0.1 on a free port, without security or
 * persistence (the same set-up as usp-mtp-mqtt's test broker).
 */
public final class ArtemisBroker implements AutoCloseable {
    private final int port;
    private EmbeddedActiveMQ server;

    private ArtemisBroker(int port) {
        this.port = port;
    }

    /** Starts a broker on a free port, keeping its files under {@code dir}. */
    public static ArtemisBroker start(Path dir) throws Exception {
        ArtemisBroker b = new ArtemisBroker(freePort());
        Configuration cfg = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString());
        cfg.setBrokerInstance(dir.toFile());
        cfg.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + b.port + "?protocols=MQTT");
        b.server = new EmbeddedActiveMQ();
        b.server.setConfiguration(cfg);
        b.server.start();
        return b;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Its TCP port. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("broker did not stop", e);
        }
    }
}
