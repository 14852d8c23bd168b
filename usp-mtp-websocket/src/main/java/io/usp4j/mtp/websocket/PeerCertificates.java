package io.usp4j.mtp.websocket;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Endpoint ID a peer's TLS certificate proves: the first subjectAltName URI of the form
 * {@code urn:bbf:usp:id:<Endpoint ID>} (TR-369 "Certificates and identity"). Stateless.
 */
final class PeerCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCertificates.class);
    /** The URN prefix of an Endpoint ID in a certificate. */
    static final String URN = "urn:bbf:usp:id:";
    private static final int URI_NAME = 6;

    private PeerCertificates() {}

    /** The Endpoint ID of the channel's TLS peer, or null: no TLS, no certificate, or none in it. */
    static String endpointId(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? endpointId(x) : null;
        } catch (SSLPeerUnverifiedException e) {
            LOG.debug("{}: the peer showed no certificate", channel.remoteAddress());
            return null;
        }
    }

    /** The Endpoint ID in a certificate's subjectAltName URIs, or null. */
    static String endpointId(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return null;
            }
            for (List<?> name : names) {
                if (name.size() >= 2 && Integer.valueOf(URI_NAME).equals(name.get(0)) && name.get(1) instanceof String uri
                        && uri.startsWith(URN) && uri.length() > URN.length()) {
                    return uri.substring(URN.length());
                }
            }
            return null;
        } catch (CertificateParsingException e) {
            LOG.warn("unreadable subjectAltName in {}: {}", certificate.getSubjectX500Principal(), e.getMessage());
            return null;
        }
    }
}
