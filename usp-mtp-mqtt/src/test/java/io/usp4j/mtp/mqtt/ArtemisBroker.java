package io.usp4j.mtp.mqtt;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/** An embedded ActiveMQ Artemis speaking MQTT 3.1.1 and 5.0 on 127.0.0.1, stoppable and restartable on its port. */
final class ArtemisBroker implements TestBroker {
    private final int port;
    private final Path dir;
    private EmbeddedActiveMQ server;
    private String forbidden;

    private ArtemisBroker(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts a broker on a free port that lets anyone connect and use any address except those whose name
     * holds {@code forbidden}: subscribing to them is refused in SUBACK.
     */
    static ArtemisBroker startForbidding(Path dir, String forbidden) throws Exception {
        ArtemisBroker b = new ArtemisBroker(freePort(), dir);
        b.forbidden = forbidden;
        b.start();
        return b;
    }

    /** Everyone authenticates; no one may touch an address holding the forbidden word. */
    private static final class Forbidding implements ActiveMQSecurityManager5 {
        private final String forbidden;

        Forbidding(String forbidden) {
            this.forbidden = forbidden;
        }

        @Override
        public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
            Subject s = new Subject();
            s.getPrincipals().add(new UserPrincipal(user == null ? "anonymous" : user));
            return s;
        }

        @Override
        public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
            return address == null || !address.contains(forbidden);
        }

        @Override
        public boolean validateUser(String user, String password) {
            return true;
        }

        @Override
        public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
            return true;
        }
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

    @Override
    public int port() {
        return port;
    }

    @Override
    public synchronized void start() throws Exception {
        Configuration cfg = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(forbidden != null)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString());
        cfg.setBrokerInstance(dir.toFile());
        cfg.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + port + "?protocols=MQTT");
        server = new EmbeddedActiveMQ();
        server.setConfiguration(cfg);
        if (forbidden != null) {
            server.setSecurityManager(new Forbidding(forbidden));
        }
        server.start();
    }

    @Override
    public synchronized void stop() throws Exception {
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
