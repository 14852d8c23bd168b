package io.usp4j.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.testing.GetLoad;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Gets per second over loopback WebSocket: one parameter and {@code Device.LocalAgent.}, with 1 and 16
 * requests in flight, with the agent dialling the Controller (client mode) and the Controller dialling the
 * agent (server mode). The agent's {@code Device.LocalAgent.} holds three Controller rows with an MTP each
 * (169 parameters, near the C reference's 150; {@code -Dusp4j.bench.controllers=N} for another number). The
 * Controller is this module's transports with connect Records off. Run with
 * {@code -Dusp4j.bench=true -Dtest=WsGetBench} (and {@code -Dusp4j.bench.serverFirst=true} to measure server
 * mode first); it prints its figures.
 */
@EnabledIfSystemProperty(named = "usp4j.bench", matches = "true")
class WsGetBench {
    static final String AGENT = "proto::bench-agent";
    static final String CONTROLLER = "proto::bench-controller";

    @Test
    void getsPerSecond() throws Exception {
        boolean serverFirst = Boolean.getBoolean("usp4j.bench.serverFirst");
        for (boolean agentDials : serverFirst ? new boolean[] {false, true} : new boolean[] {true, false}) {
            Controller c = new Controller();
            MessageTransport agentTransport;
            WebSocketServerTransport listener;
            WebSocketClientTransport dialler;
            if (agentDials) {
                listener = new WebSocketServerTransport(WebSocketServerSettings.builder(CONTROLLER, "127.0.0.1", 0)
                        .connectRecords(false).build());
                listener.start(c);
                dialler = new WebSocketClientTransport(WebSocketClientSettings.builder(AGENT, "127.0.0.1", listener.port())
                        .peerEndpointId(CONTROLLER).build());
                agentTransport = dialler;
                c.transport = listener;
            } else {
                listener = new WebSocketServerTransport(WebSocketServerSettings.builder(AGENT, "127.0.0.1", 0).build());
                agentTransport = listener;
                dialler = null;
            }
            // Controller rows, so that Device.LocalAgent. holds about as many parameters as the C reference's subtree.
            UspAgent.Builder builder = UspAgent.builder().endpointId(AGENT).transport(agentTransport).factoryDefaults(tx -> {
                for (int i = 1; i <= Integer.getInteger("usp4j.bench.controllers", 3); i++) {
                    String row = tx.create("Device.LocalAgent.Controller.", java.util.Map.of("EndpointID", "proto::bench-c" + i,
                            "Enable", "true")).instancePath();
                    tx.create(row + "MTP.", java.util.Map.of("Enable", "true", "Protocol", "WebSocket"));
                }
            });
            try (UspAgent agent = builder.build()) {
                agent.start();
                WebSocketClientTransport controllerDialler = null;
                if (agentDials) {
                    Recorder.await(dialler::isConnected);
                } else {
                    controllerDialler = new WebSocketClientTransport(WebSocketClientSettings.builder(CONTROLLER, "127.0.0.1",
                            listener.port()).peerEndpointId(AGENT).connectRecords(false).build());
                    controllerDialler.start(c);
                    Recorder.await(controllerDialler::isConnected);
                    c.transport = controllerDialler;
                }
                try {
                    // JIT warm-up before the first figure: both paths, both depths.
                    c.run("Device.LocalAgent.EndpointID", 16, Duration.ofSeconds(4));
                    c.run("Device.LocalAgent.", 16, Duration.ofSeconds(4));
                    c.run("Device.LocalAgent.EndpointID", 1, Duration.ofSeconds(4));
                    for (String path : new String[] {"Device.LocalAgent.EndpointID", "Device.LocalAgent."}) {
                        for (int inFlight : new int[] {1, 16}) {
                            c.run(path, inFlight, Duration.ofSeconds(2));
                            double rate = c.run(path, inFlight, Duration.ofSeconds(5));
                            System.out.printf("WebSocket %-6s Get %-30s (%3d params) in flight %2d: %8.0f Gets/s%n",
                                    agentDials ? "client" : "server", path, c.lastParams, inFlight, rate);
                            assertThat(rate).isPositive();
                        }
                    }
                } finally {
                    if (controllerDialler != null) {
                        controllerDialler.close();
                    }
                    if (agentDials) {
                        listener.close();
                    }
                }
            }
        }
    }

    /** Keeps a number of Gets in flight and counts the answers. */
    static final class Controller extends GetLoad implements RecordReceiver {
        volatile MessageTransport transport;
        volatile int lastParams;

        @Override
        public void onRecord(InboundRecord in) {
            try {
                received(in.bytes());
            } catch (Exception e) {
                throw new IllegalStateException("the next Get could not be sent", e);
            }
        }

        @Override
        protected void answer(Msg msg) {
            lastParams = msg.getBody().getResponse().getGetResp().getReqPathResults(0).getResolvedPathResultsList().stream()
                    .mapToInt(p -> p.getResultParamsCount()).sum();
        }

        @Override
        protected void send(String msgId, String path) {
            transport.send(Destination.of(AGENT), Records.getRecord(CONTROLLER, AGENT, msgId, path));
        }
    }
}
