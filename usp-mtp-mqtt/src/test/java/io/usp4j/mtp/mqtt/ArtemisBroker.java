package io.usp4j.mtp.mqtt;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** An embedded ActiveMQ Artemis speaking MQTT 3.1.1 and 5.0 on 127.0.0.1, stoppable and restartable on its port. */
final class ArtemisBroker implements AutoCloseable {
    private final int port;
    private final Path dir;
    private EmbeddedActiveMQ server;

    private ArtemisBroker(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a broker on a free port, keeping its files under {@code dir}. */
    static ArtemisBroker start(Path dir) throws Exception {
        ArtemisBroker b = new ArtemisBroker(freePort(), dir);
        b.start();
        return b;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    synchronized void start() throws Exception {
        Configuration cfg = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString());
        cfg.setBrokerInstance(dir.toFile());
        cfg.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + port + "?protocols=MQTT");
        server = new EmbeddedActiveMQ();
        server.setConfiguration(cfg);
        server.start();
    }

    synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            throw new IllegalStateException("broker did not stop", e);
        }
    }
}
