package io.usp4j.mtp.mqtt.testing;

import io.usp4j.core.testing.TestPki;
import java.io.IOException;
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

/**
 * An embedded ActiveMQ Artemis speaking MQTT 3.1.1 and 5.0 on 127.0.0.1 on a free port, without persistence,
 * stoppable and restartable on its port; optionally with a TLS acceptor or a refusing security manager. The
 * test needs {@code org.apache.activemq:artemis-server} and {@code artemis-mqtt-protocol} on its class path
 * (usp-mtp-mqtt's test-jar does not bring them). Start, stop and close are synchronized.
 */
public final class ArtemisBroker implements TestBroker {
    private final int port;
    private final Path dir;
    private EmbeddedActiveMQ server;
    private String forbidden;
    /** The TLS acceptor's URI parameters, or null for none. */
    private String tlsParameters;
    private int tlsPort;

    private ArtemisBroker(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts a broker on a free port that lets anyone connect and use any address except those whose name
     * holds {@code forbidden}: subscribing to them is refused in SUBACK.
     *
     * @param dir where the broker keeps its files
     * @throws Exception when the broker does not start
     */
    public static ArtemisBroker startForbidding(Path dir, String forbidden) throws Exception {
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

    /**
     * Starts a broker on a free port that lets anyone connect and use any address, keeping its files under
     * {@code dir}.
     *
     * @throws Exception when the broker does not start
     */
    public static ArtemisBroker start(Path dir) throws Exception {
        ArtemisBroker b = new ArtemisBroker(freePort(), dir);
        b.start();
        return b;
    }

    /**
     * Starts a broker with a plain MQTT acceptor and a TLS one ({@link #tlsPort()}) showing the PKI's server
     * certificate, asking for client certificates of its CA when {@code needClientAuth}. Needs usp-core's
     * test-jar (for {@link TestPki}).
     *
     * @param dir where the broker keeps its files and the key and trust stores it makes of the PKI
     * @throws Exception when the PKI's files cannot be read or the broker does not start
     */
    public static ArtemisBroker startTls(Path dir, TestPki pki, boolean needClientAuth) throws Exception {
        ArtemisBroker b = new ArtemisBroker(freePort(), dir);
        char[] password = "changeit".toCharArray();
        java.security.cert.CertificateFactory x509 = java.security.cert.CertificateFactory.getInstance("X.509");
        java.security.cert.Certificate cert;
        java.security.cert.Certificate ca;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(pki.server().certificatePem())) {
            cert = x509.generateCertificate(in);
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(pki.caPem())) {
            ca = x509.generateCertificate(in);
        }
        String pem = java.nio.file.Files.readString(pki.server().privateKeyPem())
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, password, new java.security.cert.Certificate[] {cert, ca});
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        Path keyFile = dir.resolve("artemis-keys.p12");
        Path trustFile = dir.resolve("artemis-trust.p12");
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(keyFile)) {
            keys.store(out, password);
        }
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(trustFile)) {
            trust.store(out, password);
        }
        b.tlsPort = freePort();
        b.tlsParameters = "sslEnabled=true;keyStoreType=PKCS12;keyStorePath=" + keyFile + ";keyStorePassword=changeit"
                + ";trustStoreType=PKCS12;trustStorePath=" + trustFile + ";trustStorePassword=changeit"
                + ";needClientAuth=" + needClientAuth;
        b.start();
        return b;
    }

    /** The TLS acceptor's port; 0 when there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    /**
     * As {@link TestBroker#freePort()}.
     *
     * @throws IOException when no socket can be opened
     */
    public static int freePort() throws IOException {
        return TestBroker.freePort();
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
        if (tlsParameters != null) {
            cfg.addAcceptorConfiguration("mqtts", "tcp://127.0.0.1:" + tlsPort + "?protocols=MQTT;" + tlsParameters);
        }
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
}
