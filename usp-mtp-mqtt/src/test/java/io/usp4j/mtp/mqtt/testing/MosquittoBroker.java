package io.usp4j.mtp.mqtt.testing;

import io.usp4j.core.testing.TestPki;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code mosquitto} (2.0, MQTT 5.0 and 3.1.1) run by the test as a process on a free port in its
 * local-only mode (127.0.0.1, anonymous, no persistence, TCP_NODELAY), optionally with a TLS listener. Under
 * {@code CI=true} a missing mosquitto fails the test; elsewhere it skips it (a JUnit 5 assumption). Its
 * configuration and log are written to the test's directory. Start, stop and close are synchronized.
 */
public final class MosquittoBroker implements TestBroker {
    private final int port;
    private final Path dir;
    private final String tlsListener;
    private final int tlsPort;
    private Process process;

    private MosquittoBroker(int port, Path dir, String tlsListener, int tlsPort) {
        this.port = port;
        this.dir = dir;
        this.tlsListener = tlsListener;
        this.tlsPort = tlsPort;
    }

    /**
     * Starts mosquitto with a plain listener on 127.0.0.1 on a free port, writing its configuration and log
     * under {@code dir}.
     *
     * @throws org.opentest4j.TestAbortedException when mosquitto is not installed and {@code CI} is not true
     * @throws IllegalStateException when it is not installed under {@code CI=true}, or does not start
     * @throws Exception when its files cannot be written
     */
    public static MosquittoBroker start(Path dir) throws Exception {
        return start(dir, null, 0);
    }

    /**
     * Starts mosquitto with a plain listener on 127.0.0.1 (for the test controller) and a TLS listener.
     *
     * @param address where the TLS listener listens (a loopback address, such as 127.0.0.1 or 127.0.0.2)
     * @param pki its server certificate and the CA client certificates are checked against
     * @param requireCertificate whether a client without a certificate of that CA is refused
     * @throws org.opentest4j.TestAbortedException when mosquitto is not installed and {@code CI} is not true
     * @throws IllegalStateException when it is not installed under {@code CI=true}, or does not start
     * @throws Exception when its files cannot be written
     */
    public static MosquittoBroker startTls(Path dir, String address, TestPki pki,
            boolean requireCertificate) throws Exception {
        int tls = TestBroker.freePort();
        // Started as root, mosquitto would drop to its own user, which cannot read the test's private temporary
        // directory; "user root" keeps it as it is (and is ignored when not started as root).
        return start(dir, "user root\nlistener " + tls + " " + address + "\n"
                + "cafile " + pki.caPem() + "\n"
                + "certfile " + pki.server().certificatePem() + "\n"
                + "keyfile " + pki.server().privateKeyPem() + "\n"
                + "require_certificate " + requireCertificate + "\n", tls);
    }

    private static MosquittoBroker start(Path dir, String tlsListener, int tlsPort) throws Exception {
        String exe = executable();
        if (exe == null) {
            String why = "mosquitto is not installed (apt-get install mosquitto)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        MosquittoBroker b = new MosquittoBroker(TestBroker.freePort(), dir, tlsListener, tlsPort);
        b.start();
        return b;
    }

    private static String executable() {
        for (String candidate : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * What mosquitto logged so far (among it, one "New client connected from ... as CLIENTID" per CONNECT).
     *
     * @throws IOException when the log cannot be read
     */
    public String log() throws IOException {
        return java.nio.file.Files.readString(dir.resolve("mosquitto-" + port + ".log"));
    }

    /** The ClientIds of the CONNECTs mosquitto accepted so far, in order. */
    public java.util.List<String> connectedClientIds() throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("New client connected from \\S+ as (\\S+)")
                .matcher(log());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Override
    public int port() {
        return port;
    }

    /** The TLS listener's port; 0 when there is none. */
    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public synchronized void start() throws Exception {
        File log = dir.resolve("mosquitto-" + port + ".log").toFile();
        // Loopback only, anonymous, and no Nagle delay: mosquitto's default (set_tcp_nodelay false) holds each
        // small PUBLISH back for tens of milliseconds, which a request/response protocol feels at once.
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        // per_listener_settings false: allow_anonymous applies to every listener, the TLS one included.
        java.nio.file.Files.writeString(conf, "per_listener_settings false\nallow_anonymous true\n"
                + "set_tcp_nodelay true\npersistence false\nlistener " + port + " 127.0.0.1\n"
                + (tlsListener == null ? "" : tlsListener));
        process = new ProcessBuilder(executable(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("mosquitto did not start on port " + port + ": "
                            + java.nio.file.Files.readString(log.toPath()));
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public synchronized void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }
}
