package io.usp4j.core.testing;

import io.usp4j.core.transport.TlsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests: a CA of its own, a server certificate for {@code localhost}, {@code 127.0.0.1}
 * and {@code ::1}, and client certificates on request, all EC P-256, written as PEM files (certificates, and
 * unencrypted PKCS#8 keys) that both our {@link TlsSettings} and external brokers such as mosquitto read.
 * Two instances have unrelated CAs, so one can play the wrong CA for the other.
 *
 * <p>Other modules use it through usp-core's test-jar (and need {@code bcpkix-jdk18on} in test scope).
 */
public final class TestPki {
    /**
     * A certificate this PKI issued, with its files.
     *
     * @param certificatePem the certificate in PEM
     * @param privateKeyPem its key in PEM (PKCS#8)
     * @param certificate the certificate
     */
    public record Issued(Path certificatePem, Path privateKeyPem, X509Certificate certificate) {}

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final Path dir;
    private final KeyPair caKeys;
    private final X500Name caName;
    private final Path caPem;
    private final Issued server;

    private TestPki(Path dir) throws GeneralSecurityException, OperatorCreationException, IOException {
        this.dir = Files.createDirectories(dir);
        this.caKeys = keyPair();
        this.caName = new X500Name("CN=usp4j test CA " + SERIAL.incrementAndGet());
        X509v3CertificateBuilder ca = builder(caName, caName, caKeys);
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.caPem = writeCertificate("ca.pem", sign(ca));
        this.server = issue("server", KeyPurposeId.id_kp_serverAuth, new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.iPAddress, "::1")});
    }

    /**
     * Makes a new CA and server certificate, and writes their files into {@code dir}.
     *
     * @throws UncheckedIOException when the files cannot be written
     * @throws IllegalStateException when the JDK or BouncyCastle cannot make the keys
     */
    public static TestPki create(Path dir) {
        try {
            return new TestPki(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test PKI", e);
        }
    }

    /** The CA certificate, PEM. */
    public Path caPem() {
        return caPem;
    }

    /** The server certificate (for localhost, 127.0.0.1 and ::1) and its key. */
    public Issued server() {
        return server;
    }

    /**
     * Issues a client certificate.
     *
     * @param name the file name stem and common name
     * @param uris subjectAltName URIs, such as {@code urn:bbf:usp:id:proto::controller}
     */
    public Issued client(String name, String... uris) {
        List<GeneralName> names = new ArrayList<>();
        for (String uri : uris) {
            names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        }
        try {
            return issue(name, KeyPurposeId.id_kp_clientAuth, names.toArray(GeneralName[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + name, e);
        }
    }

    /** A server's settings: the server certificate, clients checked against this CA as {@code mode} says. */
    public TlsSettings serverTls(TlsSettings.ClientAuthentication mode) {
        return TlsSettings.builder().trustPem(caPem).keyPem(server.certificatePem(), server.privateKeyPem())
                .clientAuthentication(mode).build();
    }

    /** A client's settings trusting this CA only, with no certificate of its own. */
    public TlsSettings clientTls() {
        return TlsSettings.builder().trustPem(caPem).build();
    }

    /** A client's settings trusting this CA only and showing {@code certificate}. */
    public TlsSettings clientTls(Issued certificate) {
        return TlsSettings.builder().trustPem(caPem)
                .keyPem(certificate.certificatePem(), certificate.privateKeyPem()).build();
    }

    private Issued issue(String name, KeyPurposeId purpose, GeneralName[] altNames)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder b = builder(caName, new X500Name("CN=" + name), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (altNames.length > 0) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
        }
        X509Certificate cert = sign(b);
        Path certFile = writeCertificate(name + ".pem", cert);
        Path keyFile = write(name + "-key.pem", "PRIVATE KEY", keys.getPrivate().getEncoded());
        return new Issued(certFile, keyFile, cert);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private Path writeCertificate(String file, X509Certificate cert) throws GeneralSecurityException, IOException {
        return write(file, "CERTIFICATE", cert.getEncoded());
    }

    private Path write(String file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        return Files.writeString(dir.resolve(file), pem, StandardCharsets.US_ASCII);
    }
}
