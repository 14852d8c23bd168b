package io.usp4j.mtp.websocket.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.mtp.websocket.WebSocketClientSettings;
import io.usp4j.mtp.websocket.WebSocketClientTransport;
import io.usp4j.mtp.websocket.WebSocketServerSettings;
import io.usp4j.mtp.websocket.WebSocketServerTransport;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WebSocketMtps}: factory defaults make a listener row and a Controller row; the agent listens and dials;
 * a Set of the Controller's Port moves the session to another listener; Enable false stops the listener;
 * CurrentRetryCount and Reset() work. The Controllers are this module's transports.
 */
@Timeout(90)
class WebSocketMtpsTest {
    static final String AGENT = "proto::agent-ws-dm";
    static final String CONTROLLER = "proto::controller-ws-dm";

    UspAgent agent;
    WebSocketMtps mtps;
    WebSocketServerTransport controller1;
    WebSocketServerTransport controller2;
    final BlockingQueue<InboundRecord> received = new LinkedBlockingQueue<>();
    final RecordReceiver collector = received::add;

    @AfterEach
    void stopAll() {
        if (agent != null) {
            agent.close();
        }
        for (WebSocketServerTransport t : new WebSocketServerTransport[] {controller1, controller2}) {
            if (t != null) {
                t.close();
            }
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    WebSocketServerTransport controllerListener() {
        WebSocketServerTransport t = new WebSocketServerTransport(WebSocketServerSettings.builder(CONTROLLER, "127.0.0.1", 0)
                .path("/ctrl").connectRecords(false).build());
        t.start(collector);
        return t;
    }

    void startAgent(int listenPort, int controllerPort) {
        UspAgent.Builder b = UspAgent.builder().endpointId(AGENT).factoryDefaults(tx -> {
            String mtp = tx.create("Device.LocalAgent.MTP.", Map.of("Enable", "true", "Protocol", "WebSocket")).instancePath();
            tx.setInternal(mtp + "WebSocket.Port", Integer.toString(listenPort));
            tx.setInternal(mtp + "WebSocket.Path", "/usp");
            tx.setInternal(mtp + "WebSocket.EnableEncryption", "false");
            String c = tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", CONTROLLER, "Enable", "true"))
                    .instancePath();
            String cm = tx.create(c + "MTP.", Map.of("Enable", "true", "Protocol", "WebSocket")).instancePath();
            tx.setInternal(cm + "WebSocket.Host", "127.0.0.1");
            tx.setInternal(cm + "WebSocket.Port", Integer.toString(controllerPort));
            tx.setInternal(cm + "WebSocket.Path", "/ctrl");
            tx.setInternal(cm + "WebSocket.EnableEncryption", "false");
            tx.setInternal(cm + "WebSocket.SessionRetryMinimumWaitInterval", "1");
        });
        mtps = WebSocketMtps.install(b, new WebSocketMtps.Options("127.0.0.1", null, null));
        agent = b.build();
        mtps.attach(agent);
        agent.start();
    }

    void set(String path, String value) throws Exception {
        agent.call(() -> {
            Transaction tx = agent.dataModel().begin();
            tx.setInternal(path, value);
            tx.commit();
            return null;
        }).get(5, TimeUnit.SECONDS);
    }

    String value(String path) throws Exception {
        return agent.call(() -> agent.dataModel().view().value(path)).get(5, TimeUnit.SECONDS);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }

    Msg answerTo(WebSocketServerTransport via, String msgId) throws Exception {
        byte[] get = RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, Messages.request(msgId,
                Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.LocalAgent.EndpointID")).build())));
        via.send(Destination.of(AGENT), get).toCompletableFuture().get(5, TimeUnit.SECONDS);
        while (true) {
            InboundRecord in = received.poll(10, TimeUnit.SECONDS);
            assertThat(in).as("an answer to " + msgId).isNotNull();
            Record r = RecordCodec.decode(in.bytes());
            if (r.hasNoSessionContext()) {
                Msg m = MessageCodec.decode(RecordCodec.payload(r));
                if (m.getHeader().getMsgId().equals(msgId)) {
                    return m;
                }
            }
        }
    }

    @Test
    void theDataModelRunsTheListenerAndTheOutboundSession() throws Exception {
        controller1 = controllerListener();
        controller2 = controllerListener();
        int listenPort = freePort();
        startAgent(listenPort, controller1.port());

        // Outbound: the agent dials controller 1 and answers over it.
        await(() -> controller1.isConnected(AGENT));
        assertThat(RecordCodec.decode(received.poll(10, TimeUnit.SECONDS).bytes()).hasWebsocketConnect()).isTrue();
        assertThat(answerTo(controller1, "g1").getBody().getResponse().getGetResp().getReqPathResults(0)
                .getResolvedPathResults(0).getResultParamsMap()).containsEntry("EndpointID", AGENT);
        assertThat(value("Device.LocalAgent.Controller.1.MTP.1.WebSocket.CurrentRetryCount")).isEqualTo("0");
        assertThat(value("Device.LocalAgent.SupportedProtocols")).contains("WebSocket");

        // Inbound: a Controller dials the agent's listener.
        WebSocketClientTransport dialler = new WebSocketClientTransport(WebSocketClientSettings.builder(CONTROLLER,
                "127.0.0.1", listenPort).path("/usp").connectRecords(false).build());
        BlockingQueue<InboundRecord> viaListener = new LinkedBlockingQueue<>();
        dialler.start(viaListener::add);
        try {
            await(dialler::isConnected);
            assertThat(RecordCodec.decode(viaListener.poll(10, TimeUnit.SECONDS).bytes()).getToId()).isEqualTo(CONTROLLER);
        } finally {
            dialler.close();
        }

        // A new Port: the session moves to controller 2.
        set("Device.LocalAgent.Controller.1.MTP.1.WebSocket.Port", Integer.toString(controller2.port()));
        await(() -> controller2.isConnected(AGENT));
        await(() -> !controller1.isConnected(AGENT));
        received.clear();
        assertThat(answerTo(controller2, "g2").getHeader().getMsgId()).isEqualTo("g2");

        // Reset() redials at once.
        long before = mtps.client("Device.LocalAgent.Controller.1.MTP.1.").status().connects();
        send(controller2, Messages.request("reset", Request.newBuilder().setOperate(Operate.newBuilder()
                .setCommand("Device.LocalAgent.Controller.1.MTP.1.WebSocket.Reset()").setSendResp(true)).build()));
        // The OperateResp goes out on the old session before the reset closes it.
        Msg resetResp = null;
        while (resetResp == null) {
            InboundRecord in = received.poll(10, TimeUnit.SECONDS);
            assertThat(in).as("the OperateResp of Reset()").isNotNull();
            Record r = RecordCodec.decode(in.bytes());
            if (r.hasNoSessionContext()) {
                resetResp = MessageCodec.decode(RecordCodec.payload(r));
            }
        }
        assertThat(resetResp.getHeader().getMsgId()).isEqualTo("reset");
        assertThat(resetResp.getBody().getResponse().getOperateResp().getOperationResults(0).hasCmdFailure()).isFalse();
        await(() -> mtps.client("Device.LocalAgent.Controller.1.MTP.1.").status().connects() == before + 1);

        // Enable false stops the listener.
        assertThat(mtps.server("Device.LocalAgent.MTP.1")).isNotNull();
        set("Device.LocalAgent.MTP.1.Enable", "false");
        await(() -> mtps.server("Device.LocalAgent.MTP.1") == null);
        try (java.net.Socket s = new java.net.Socket()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> s.connect(new java.net.InetSocketAddress("127.0.0.1", listenPort), 1000))).isNotNull();
        }
    }

    void send(WebSocketServerTransport via, Msg msg) throws Exception {
        via.send(Destination.of(AGENT), RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, msg)))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
