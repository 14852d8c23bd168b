package io.usp4j.mtp.mqtt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The MQTT 3.1.1 adapter over Paho's {@code mqttv3} asynchronous client. */
final class PahoV3Adapter implements MqttClientAdapter {
    /** Paho's default of 10 unacknowledged QoS 1 messages is far too few for a busy agent. */
    static final int MAX_INFLIGHT = 1000;

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final long timeoutMillis;
    private volatile boolean closed;

    PahoV3Adapter(MqttSettings settings, String clientId, Events events) throws MqttException {
        this.settings = settings;
        this.timeoutMillis = settings.connectTimeout().toMillis();
        this.client = new MqttAsyncClient(PahoV5Adapter.uri(settings),
                clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                if (!closed) {
                    events.lost(cause);
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                events.message(new Inbound(topic, message.getPayload(), null, null, message.getQos()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Completion is seen through each publish's own listener.
            }
        });
    }

    @Override
    public ConnectResult connect() throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setAutomaticReconnect(false);
        o.setCleanSession(settings.cleanStart());
        o.setKeepAliveInterval((int) settings.keepAlive().getSeconds());
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().getSeconds()));
        o.setMaxInflight(MAX_INFLIGHT);
        PahoV5Adapter.socketFactory(settings, o::setSocketFactory, o::setHttpsHostnameVerificationEnabled);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
        }
        if (!settings.password().isEmpty()) {
            o.setPassword(settings.password().toCharArray());
        }
        client.connect(o).waitForCompletion(timeoutMillis);
        return new ConnectResult(null, null, List.of(), 2, true);
    }

    @Override
    public List<Boolean> subscribe(List<String> filters, List<Integer> qos) throws Exception {
        int[] qoss = new int[filters.size()];
        for (int i = 0; i < qoss.length; i++) {
            qoss[i] = qos.get(i);
        }
        IMqttToken token = client.subscribe(filters.toArray(new String[0]), qoss);
        try {
            token.waitForCompletion(timeoutMillis);
        } catch (MqttException e) {
            // A 0x80 return code may fail the token (Paho has REASON_CODE_SUBSCRIBE_FAILED); the codes decide.
            if (token.getGrantedQos() == null || token.getGrantedQos().length == 0) {
                throw e;
            }
        }
        int[] granted = token.getGrantedQos();
        if (granted == null) {
            return Collections.nCopies(filters.size(), false);
        }
        List<Boolean> result = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            // 3.1.1 SUBACK: 0x00-0x02 grant a QoS, 0x80 is failure (MQTT 3.1.1 §3.9.3).
            result.add(i < granted.length && granted[i] >= 0 && granted[i] < 0x80);
        }
        return result;
    }

    @Override
    public void unsubscribe(List<String> filters) throws Exception {
        // 3.1.1 UNSUBACK carries no codes: receiving it is success.
        client.unsubscribe(filters.toArray(new String[0])).waitForCompletion(timeoutMillis);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain, String responseTopic,
            String contentType) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retain);
        try {
            client.publish(topic, m, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    done.complete(null);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    done.completeExceptionally(failure);
                }
            });
        } catch (MqttException | RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
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
