package io.usp4j.mtp.mqtt;

import io.usp4j.core.transport.TlsSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets from {@link TlsSettings}, with Nagle's algorithm off (see {@link NoDelaySocketFactory}) and the
 * settings' protocol versions. Host-name checking is switched on by the adapters through Paho's own option,
 * since Paho replaces the socket's SSL parameters (to set SNI) before the handshake. Stateless apart from the
 * settings.
 */
final class TlsSocketFactory extends SSLSocketFactory {
    private final TlsSettings tls;
    private final SSLSocketFactory delegate;

    TlsSocketFactory(TlsSettings tls) {
        this.tls = tls;
        this.delegate = tls.sslContext().getSocketFactory();
    }

    private Socket prepare(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        if (s instanceof SSLSocket ssl) {
            ssl.setEnabledProtocols(tls.protocols().toArray(String[]::new));
        }
        return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return prepare(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return prepare(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return prepare(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return prepare(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return prepare(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return prepare(delegate.createSocket(address, port, localAddress, localPort));
    }
}
