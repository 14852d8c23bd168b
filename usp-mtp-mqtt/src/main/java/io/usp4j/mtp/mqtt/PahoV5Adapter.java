package io.usp4j.mtp.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** The MQTT 5.0 adapter over Paho's {@code mqttv5} asynchronous client. */
final class PahoV5Adapter implements MqttClientAdapter {
    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final long timeoutMillis;
    private volatile boolean closed;

    PahoV5Adapter(MqttSettings settings, String clientId, Events events) throws MqttException {
        this.settings = settings;
        this.timeoutMillis = settings.connectTimeout().toMillis();
        this.client = new MqttAsyncClient(uri(settings), clientId,
                new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                if (!closed) {
                    events.lost(response.getException() != null ? response.getException()
                            : new IllegalStateException("broker disconnected: reason " + response.getReturnCode()
                                    + (response.getReasonString() == null ? "" : " " + response.getReasonString())));
                }
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // Reported through disconnected() when it ends the connection.
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                MqttProperties p = message.getProperties();
                events.message(new Inbound(topic, message.getPayload(), p == null ? null : p.getResponseTopic(),
                        p == null ? null : p.getContentType(), message.getQos()));
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // Completion is seen through each publish's own listener.
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // Connect completion is waited for in connect().
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // Enhanced authentication is not used.
            }
        });
    }

    static String uriHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The server URI Paho connects to: {@code ssl://} under TLS, else {@code tcp://}. */
    static String uri(MqttSettings settings) {
        return (settings.tls().isPresent() ? "ssl://" : "tcp://") + uriHost(settings.host()) + ":" + settings.port();
    }

    /**
     * Sets the socket factory of either Paho version's options: TLS from the settings, else plain TCP; both
     * without Nagle's algorithm. Under TLS Paho's own HTTPS host-name check follows
     * {@link io.usp4j.core.transport.TlsSettings#hostnameVerification()}.
     */
    static void socketFactory(MqttSettings settings, java.util.function.Consumer<javax.net.SocketFactory> factory,
            java.util.function.Consumer<Boolean> hostnameVerification) {
        if (settings.tls().isPresent()) {
            factory.accept(new TlsSocketFactory(settings.tls().get()));
            hostnameVerification.accept(settings.tls().get().hostnameVerification());
        } else {
            factory.accept(NoDelaySocketFactory.INSTANCE);
            hostnameVerification.accept(false);
        }
    }

    @Override
    public ConnectResult connect() throws Exception {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        o.setCleanStart(settings.cleanStart());
        o.setKeepAliveInterval((int) settings.keepAlive().getSeconds());
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().getSeconds()));
        o.setRequestResponseInfo(true);
        PahoV5Adapter.socketFactory(settings, o::setSocketFactory, o::setHttpsHostnameVerificationEnabled);
        o.setUserProperties(List.of(new UserProperty("usp-endpoint-id", settings.endpointId())));
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
        }
        if (!settings.password().isEmpty()) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        IMqttToken token = client.connect(o);
        token.waitForCompletion(timeoutMillis);
        MqttProperties p = token.getResponseProperties();
        List<String> subscribeTopics = new ArrayList<>();
        String assigned = null;
        String responseInfo = null;
        int maxQos = 2;
        boolean retain = true;
        if (p != null) {
            for (UserProperty u : p.getUserProperties()) {
                if ("subscribe-topic".equals(u.getKey())) {
                    subscribeTopics.add(u.getValue());
                }
            }
            assigned = p.getAssignedClientIdentifier();
            responseInfo = p.getResponseInfo();
            if (p.getMaximumQoS() != null) {
                maxQos = p.getMaximumQoS();
            }
            if (p.isRetainAvailable() != null) {
                retain = p.isRetainAvailable();
            }
        }
        return new ConnectResult(assigned, responseInfo, subscribeTopics, maxQos, retain);
    }

    @Override
    public List<Boolean> subscribe(List<String> filters, List<Integer> qos) throws Exception {
        MqttSubscription[] subs = new MqttSubscription[filters.size()];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = new MqttSubscription(filters.get(i), qos.get(i));
        }
        IMqttToken token = client.subscribe(subs);
        token.waitForCompletion(timeoutMillis);
        int[] codes = token.getReasonCodes();
        List<Boolean> granted = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            // SUBACK reason codes below 0x80 grant a QoS; 0x80 and above refuse (MQTT 5.0 §3.9.3).
            granted.add(codes != null && i < codes.length && codes[i] < 0x80);
        }
        return granted;
    }

    @Override
    public void unsubscribe(List<String> filters) throws Exception {
        IMqttToken token = client.unsubscribe(filters.toArray(new String[0]));
        token.waitForCompletion(timeoutMillis);
        int[] codes = token.getReasonCodes();
        if (codes != null) {
            for (int i = 0; i < codes.length && i < filters.size(); i++) {
                // UNSUBACK 0x11 "No subscription existed" is not a failure: the filter is gone either way.
                if (codes[i] >= 0x80) {
                    throw new MqttException(codes[i]);
                }
            }
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain, String responseTopic,
            String contentType) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retain);
        MqttProperties p = new MqttProperties();
        if (responseTopic != null) {
            p.setResponseTopic(responseTopic);
        }
        if (contentType != null) {
            p.setContentType(contentType);
        }
        m.setProperties(p);
        try {
            client.publish(topic, m, null, listener(done));
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private static MqttActionListener listener(CompletableFuture<Void> done) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                done.completeExceptionally(failure);
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        PahoShutdown.run(client.getClientId(),
                () -> {
                    if (client.isConnected()) {
                        client.disconnect(1000).waitForCompletion(2000);
                    }
                },
                () -> client.disconnectForcibly(0, 100, false),
                () -> client.close(true));
    }
}
