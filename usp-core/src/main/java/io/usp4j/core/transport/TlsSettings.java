package io.usp4j.core.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS an MTP uses: whom it trusts, the certificate it shows, and how strictly it checks its peer. Shared by
 * every transport, for either side of a connection: a client (an MQTT or STOMP connection to a broker, a
 * WebSocket client) shows its key material as a client certificate and checks the server's certificate and host
 * name; a server (the WebSocket server) shows it as its server certificate and asks for client certificates as
 * {@link #clientAuthentication()} says.
 *
 * <p>Key material comes from JDK {@link KeyStore}s or from PEM files: X.509 certificates, and private keys in
 * unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}; convert others with {@code openssl pkcs8 -topk8 -nocrypt}).
 * Without trust anchors the JDK's default trust store is used.
 *
 * <pre>{@code
 * TlsSettings tls = TlsSettings.builder()
 *         .trustPem(Path.of("/etc/usp/ca.pem"))
 *         .keyPem(Path.of("/etc/usp/device.pem"), Path.of("/etc/usp/device-key.pem"))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@link SSLContext} is made once, when built.
 */
public final class TlsSettings {
    /** Whether a server asks its clients for a certificate. */
    public enum ClientAuthentication {
        /** No client certificate is asked for. */
        NONE,
        /** A client certificate is asked for, and checked when given. */
        OPTIONAL,
        /** A client without a valid certificate is refused. */
        REQUIRED
    }

    /** The protocol versions used unless {@link Builder#protocols} says otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final char[] NO_PASSWORD = new char[0];
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

    private final KeyStore trustStore;
    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final boolean hostnameVerification;
    private final ClientAuthentication clientAuthentication;
    private final List<String> protocols;
    private final TrustManagerFactory trustManagers;
    private final KeyManagerFactory keyManagers;
    private final SSLContext context;

    private TlsSettings(Builder b) {
        this.trustStore = b.trustStore;
        this.keyStore = b.keyStore;
        this.keyPassword = b.keyPassword.clone();
        this.hostnameVerification = b.hostnameVerification;
        this.clientAuthentication = b.clientAuthentication;
        this.protocols = List.copyOf(b.protocols);
        try {
            trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            if (keyStore != null) {
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keyStore, keyPassword);
            } else {
                keyManagers = null;
            }
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                    new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable TLS key material: " + e.getMessage(), e);
        }
    }

    /** Starts building TLS settings: default trust store, no key material, host names verified, TLS 1.3 and 1.2. */
    public static Builder builder() {
        return new Builder();
    }

    /** The context the transports make their sockets and engines from. */
    public SSLContext sslContext() {
        return context;
    }

    /** The trust managers: the configured anchors, or the JDK's default ones. */
    public TrustManagerFactory trustManagers() {
        return trustManagers;
    }

    /** The key managers holding this endpoint's own certificate, or null when it has none. */
    public KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /** Whether this endpoint shows a certificate of its own. */
    public boolean hasKeyMaterial() {
        return keyManagers != null;
    }

    /** Whether a client checks that the server's certificate names the host it dialled (default true). */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** Whether a server asks for client certificates (default {@link ClientAuthentication#NONE}). */
    public ClientAuthentication clientAuthentication() {
        return clientAuthentication;
    }

    /** The protocol versions offered, most preferred first. */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * Makes an engine for the client side of a connection to {@code host:port}, with the host name checked
     * against the server's certificate when {@link #hostnameVerification()} is on.
     *
     * @param host the host dialled, as the configuration names it
     * @param port the port dialled
     */
    public SSLEngine clientEngine(String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        engine.setSSLParameters(clientParameters());
        return engine;
    }

    /** Makes an engine for the server side of an accepted connection. */
    public SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        switch (clientAuthentication) {
            case REQUIRED -> p.setNeedClientAuth(true);
            case OPTIONAL -> p.setWantClientAuth(true);
            case NONE -> p.setNeedClientAuth(false);
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /** The parameters a client socket or engine uses: the protocols, and HTTPS-style host name checking. */
    public SSLParameters clientParameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        if (hostnameVerification) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return p;
    }

    @Override
    public String toString() {
        return "TLS " + protocols + (trustStore == null ? ", default trust" : ", own trust anchors")
                + (keyStore == null ? "" : ", with a certificate")
                + (hostnameVerification ? "" : ", host names NOT verified")
                + (clientAuthentication == ClientAuthentication.NONE ? "" : ", client certificates " + clientAuthentication);
    }

    /** Collects {@link TlsSettings}. Not thread-safe. */
    public static final class Builder {
        private KeyStore trustStore;
        private KeyStore keyStore;
        private char[] keyPassword = NO_PASSWORD;
        private boolean hostnameVerification = true;
        private ClientAuthentication clientAuthentication = ClientAuthentication.NONE;
        private List<String> protocols = DEFAULT_PROTOCOLS;

        private Builder() {}

        /** Trusts exactly the certificates in this key store (instead of the JDK's defaults). */
        public Builder trustStore(KeyStore store) {
            this.trustStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Trusts exactly the certificates of a PEM file (instead of the JDK's defaults).
         *
         * @throws UncheckedIOException when the file cannot be read
         * @throws IllegalArgumentException when it holds no certificate, or a broken one
         */
        public Builder trustPem(Path pemFile) {
            List<X509Certificate> certs = certificates(pemFile);
            try {
                KeyStore store = emptyStore();
                for (int i = 0; i < certs.size(); i++) {
                    store.setCertificateEntry("trusted-" + i, certs.get(i));
                }
                return trustStore(store);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot trust the certificates of " + pemFile + ": " + e.getMessage(), e);
            }
        }

        /**
         * This endpoint's own certificate and key, from a key store (PKCS#12 or JKS).
         *
         * @param store the key store; its private key entries are used
         * @param password the password of its key entries
         */
        public Builder keyStore(KeyStore store, char[] password) {
            this.keyStore = Objects.requireNonNull(store, "store");
            this.keyPassword = password.clone();
            return this;
        }

        /**
         * This endpoint's own certificate chain and private key, from PEM files.
         *
         * @param certificateChain the certificate, followed by the intermediate certificates if any
         * @param privateKey the unencrypted PKCS#8 private key (RSA, EC or EdDSA)
         * @throws UncheckedIOException when a file cannot be read
         * @throws IllegalArgumentException when a file holds no usable certificate or key
         */
        public Builder keyPem(Path certificateChain, Path privateKey) {
            List<X509Certificate> chain = certificates(certificateChain);
            PrivateKey key = privateKey(privateKey);
            try {
                if (!matches(key, chain.get(0))) {
                    throw new IllegalArgumentException("the key of " + privateKey + " does not belong to the certificate "
                            + "of " + certificateChain);
                }
                KeyStore store = emptyStore();
                store.setKeyEntry("own", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
                return keyStore(store, NO_PASSWORD);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the key of " + privateKey + " does not fit the certificate of "
                        + certificateChain + ": " + e.getMessage(), e);
            }
        }

        /** Whether a client checks the server's certificate against the host name it dialled (default true). */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        /** Whether a server asks its clients for certificates (default {@link ClientAuthentication#NONE}). */
        public Builder clientAuthentication(ClientAuthentication mode) {
            this.clientAuthentication = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The protocol versions to offer, such as {@code TLSv1.3}.
         *
         * @throws IllegalArgumentException when none is given
         */
        public Builder protocols(String... versions) {
            if (versions.length == 0) {
                throw new IllegalArgumentException("at least one TLS protocol version is needed");
            }
            this.protocols = List.of(versions);
            return this;
        }

        /**
         * The settings, with their SSL context made.
         *
         * @throws IllegalArgumentException when the key material cannot be used
         */
        public TlsSettings build() {
            return new TlsSettings(this);
        }

        /** Whether the certificate's public key verifies what the private key signs. */
        private static boolean matches(PrivateKey key, X509Certificate cert) throws GeneralSecurityException {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                default -> key.getAlgorithm();
            };
            if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
                return false;
            }
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        }

        private static KeyStore emptyStore() throws GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot create an empty key store", e);
            }
            return store;
        }

        private static List<X509Certificate> certificates(Path pemFile) {
            byte[] bytes = read(pemFile);
            try {
                Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(bytes));
                List<X509Certificate> certs = new ArrayList<>();
                for (Certificate c : read) {
                    certs.add((X509Certificate) c);
                }
                if (certs.isEmpty()) {
                    throw new IllegalArgumentException("no certificate in " + pemFile);
                }
                return certs;
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read the certificates of " + pemFile + ": " + e.getMessage(), e);
            }
        }

        private static PrivateKey privateKey(Path pemFile) {
            String text = new String(read(pemFile), StandardCharsets.US_ASCII);
            Matcher m = PEM_KEY.matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException("no PEM private key in " + pemFile);
            }
            if (!m.group(1).isEmpty()) {
                throw new IllegalArgumentException(pemFile + " holds a '" + m.group(1).trim() + " PRIVATE KEY'; only "
                        + "unencrypted PKCS#8 ('PRIVATE KEY') is read: convert it with openssl pkcs8 -topk8 -nocrypt");
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            // PKCS#8 names its algorithm inside; asking each KeyFactory in turn is simpler than parsing the DER.
            IllegalArgumentException unreadable = new IllegalArgumentException(
                    "the private key in " + pemFile + " is not an EC, RSA or EdDSA key");
            for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    unreadable.addSuppressed(e);
                }
            }
            throw unreadable;
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
