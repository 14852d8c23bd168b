package io.usp4j.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.core.testing.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS handshakes on 127.0.0.1 between sockets made from {@link TlsSettings}. */
@Timeout(30)
class TlsSettingsTest {
    @TempDir
    Path dir;

    private TestPki pki;
    private SSLServerSocket server;
    private CompletableFuture<String> served;

    @BeforeEach
    void pki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Listens once: reads one byte, answers it plus one, and reports the client certificate's subject if any. */
    private int listen(TlsSettings settings) throws IOException {
        server = (SSLServerSocket) settings.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSSLParameters(settings.serverEngine().getSSLParameters());
        served = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                int b = s.getInputStream().read();
                s.getOutputStream().write(b + 1);
                s.getOutputStream().flush();
                return s.getSession().getPeerCertificates().length > 0
                        ? ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName()
                        : "";
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return server.getLocalPort();
    }

    /** Dials host:port as {@code hostName}, sends a byte and returns the answer. */
    private static int exchange(TlsSettings settings, String hostName, int port) throws IOException {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        try (SSLSocket s = (SSLSocket) settings.sslContext().getSocketFactory().createSocket(plain, hostName, port, true)) {
            s.setSSLParameters(settings.clientParameters());
            s.getOutputStream().write(41);
            s.getOutputStream().flush();
            return s.getInputStream().read();
        }
    }

    @Test
    void clientTrustingTheCaTalksToTheServer() throws Exception {
        int port = listen(pki.serverTls(TlsSettings.ClientAuthentication.NONE));

        assertThat(exchange(pki.clientTls(), "localhost", port)).isEqualTo(42);
        assertThat(served.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void aServerFromAnotherCaIsRefused() throws Exception {
        int port = listen(pki.serverTls(TlsSettings.ClientAuthentication.NONE));
        TestPki other = TestPki.create(dir.resolve("other"));

        assertThatThrownBy(() -> exchange(other.clientTls(), "localhost", port)).isInstanceOf(IOException.class);
    }

    @Test
    void theHostNameIsCheckedUnlessTurnedOff() throws Exception {
        int strictPort = listen(pki.serverTls(TlsSettings.ClientAuthentication.NONE));
        assertThatThrownBy(() -> exchange(pki.clientTls(), "gateway.example", strictPort))
                .isInstanceOf(IOException.class);

        close();
        int laxPort = listen(pki.serverTls(TlsSettings.ClientAuthentication.NONE));
        TlsSettings lax = TlsSettings.builder().trustPem(pki.caPem()).hostnameVerification(false).build();
        assertThat(exchange(lax, "gateway.example", laxPort)).isEqualTo(42);
    }

    @Test
    void aRequiredClientCertificateIsShownAndSeen() throws Exception {
        int port = listen(pki.serverTls(TlsSettings.ClientAuthentication.REQUIRED));
        TestPki.Issued cert = pki.client("controller", "urn:bbf:usp:id:proto::controller");

        assertThat(exchange(pki.clientTls(cert), "localhost", port)).isEqualTo(42);
        assertThat(served.get(5, TimeUnit.SECONDS)).isEqualTo("CN=controller");
        assertThat(cert.certificate().getSubjectAlternativeNames())
                .contains(List.<Object>of(6, "urn:bbf:usp:id:proto::controller"));
    }

    @Test
    void aClientWithoutTheRequiredCertificateIsRefused() throws Exception {
        int port = listen(pki.serverTls(TlsSettings.ClientAuthentication.REQUIRED));

        assertThatThrownBy(() -> exchange(pki.clientTls(), "localhost", port)).isInstanceOf(IOException.class);
    }

    @Test
    void pemProblemsSayWhatIsWrong() throws Exception {
        Path sec1 = Files.writeString(dir.resolve("sec1.pem"),
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        assertThatThrownBy(() -> TlsSettings.builder().keyPem(pki.server().certificatePem(), sec1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pkcs8");
        assertThatThrownBy(() -> TlsSettings.builder().trustPem(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.pem");
        assertThatThrownBy(() -> TlsSettings.builder().trustPem(dir.resolve("missing.pem")))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> TlsSettings.builder().keyPem(pki.server().certificatePem(),
                pki.client("someone-else").privateKeyPem())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItselfWithoutSecrets() {
        TlsSettings tls = pki.serverTls(TlsSettings.ClientAuthentication.OPTIONAL);

        assertThat(tls.hasKeyMaterial()).isTrue();
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.toString()).isEqualTo(
                "TLS [TLSv1.3, TLSv1.2], own trust anchors, with a certificate, client certificates OPTIONAL");
    }
}
