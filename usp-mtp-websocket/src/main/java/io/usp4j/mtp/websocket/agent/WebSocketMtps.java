package io.usp4j.mtp.websocket.agent;

import static io.usp4j.agent.transport.ModelRows.isTrue;
import static io.usp4j.agent.transport.ModelRows.notFalse;
import static io.usp4j.agent.transport.ModelRows.number;
import static io.usp4j.agent.transport.ModelRows.rows;
import static io.usp4j.agent.transport.ModelRows.string;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.transport.MtpProtocol;
import io.usp4j.agent.transport.TransportReconciler;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.TlsSettings;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.mtp.websocket.WebSocketClientSettings;
import io.usp4j.mtp.websocket.WebSocketClientTransport;
import io.usp4j.mtp.websocket.WebSocketServerSettings;
import io.usp4j.mtp.websocket.WebSocketServerTransport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agent's WebSocket MTPs from its data model:
 * <ul>
 * <li>each enabled {@code Device.LocalAgent.MTP.{i}.} row with Protocol {@code WebSocket} gets a
 * {@link WebSocketServerTransport} listening on its {@code WebSocket.Port} and {@code Path}, with TLS when
 * {@code EnableEncryption} (the default) is true, Pings every {@code KeepAliveInterval};</li>
 * <li>each enabled {@code Device.LocalAgent.Controller.{i}.MTP.{i}.} row with Protocol {@code WebSocket} and a
 * Host, under an enabled Controller with an EndpointID, gets a {@link WebSocketClientTransport} dialling
 * {@code WebSocket.Host}, {@code Port} (default 443 with encryption, 80 without), {@code Path}, with the
 * Controller's EndpointID as the peer, {@code KeepAliveInterval} (default 60 s) and the
 * {@code SessionRetryMinimumWaitInterval} / {@code SessionRetryIntervalMultiplier} of R-WS.19.</li>
 * </ul>
 * {@code Controller.{i}.MTP.{i}.WebSocket.CurrentRetryCount} is read from the live transport, and its
 * {@code Reset()} redials at once with the count at zero. {@code Interfaces} is not used: listeners bind the
 * address given in {@link Options}.
 *
 * <p>After every committed change to those rows (and to the Controller and MTP rows above them, heard through a
 * data-model listener) a reconciliation runs on the agent thread ({@link TransportReconciler}): a transport
 * whose settings did not change is left alone; one whose settings changed is detached and closed, and a new one
 * attached.
 *
 * <p>{@code Device.LocalAgent.MTP.{i}.Status} of an enabled WebSocket row is {@code Up} while its listener
 * listens, {@code Down} while it does not yet (the agent has not started) and {@code Error} when it cannot run
 * (its port is taken, no server certificate); the agent binds that object ({@link UspAgent.Builder#mtpProtocol}),
 * so this binding can be installed alongside the MQTT binding.
 *
 * <p>Use: {@code WebSocketMtps ws = WebSocketMtps.install(builder, options); UspAgent agent = builder.build();
 * ws.attach(agent); agent.start();}.
 *
 * <p>Thread-safe: {@link #attach}, {@link #server} and {@link #client} may be called from any thread;
 * everything else runs on the agent thread.
 */
public final class WebSocketMtps {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketMtps.class);
    private static final String LOCAL_MTPS = "Device.LocalAgent.MTP.";
    private static final String CONTROLLERS = "Device.LocalAgent.Controller.";

    /**
     * What the data model does not say.
     *
     * @param bindAddress the address listeners bind ({@code 0.0.0.0} for every interface)
     * @param serverTls the TLS of listeners with EnableEncryption; null when none is available (such a row
     *     then does not run)
     * @param clientTls the TLS of outbound sessions with EnableEncryption; null for the JDK's default trust
     */
    public record Options(String bindAddress, TlsSettings serverTls, TlsSettings clientTls) {
        public Options {
            Objects.requireNonNull(bindAddress, "bindAddress");
        }

        /** Listeners on every interface, no server certificate, default client trust. */
        public static Options defaults() {
            return new Options("0.0.0.0", null, null);
        }
    }

    private final Options options;
    /** The listeners and outbound sessions, keyed by MTP row and Controller MTP row. */
    private final TransportReconciler<Object, MessageTransport> rows;

    private record ServerConfig(int port, String path, boolean encryption, long keepAlive) {}

    private record ClientConfig(String controller, String host, int port, String path, boolean encryption, long keepAlive,
            long retrySeconds, int multiplier) {}

    private WebSocketMtps(Options options) {
        this.options = options;
        this.rows = TransportReconciler.builder("WebSocket", this::desired, this::create)
                .watch(WebSocketMtps::affects)
                .build();
    }

    /**
     * Declares {@code WebSocket} in {@code Device.LocalAgent.SupportedProtocols}, binds
     * {@code Device.LocalAgent.MTP.{i}.WebSocket.} and {@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.}
     * on the builder and contributes the WebSocket rows' Status to {@code Device.LocalAgent.MTP.{i}.}
     * ({@link UspAgent.Builder#mtpProtocol}). Call before {@link UspAgent.Builder#build()}, then {@link #attach} the built agent.
     *
     * @param builder the agent's builder
     * @param options the bind address and TLS
     * @return the binding, to attach the agent to
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when those objects are bound already, or WebSocket was contributed already
     */
    public static WebSocketMtps install(UspAgent.Builder builder, Options options) {
        Objects.requireNonNull(builder, "builder");
        WebSocketMtps w = new WebSocketMtps(Objects.requireNonNull(options, "options"));
        ChangeHandler reconcile = new ChangeHandler() {
            @Override
            public void apply(ObjectChange change) {
                w.schedule();
            }
        };
        builder.mtpProtocol(new MtpProtocol("WebSocket", w::mtpStatus, reconcile));
        builder.bind(LOCAL_MTPS + "{i}.WebSocket.", ObjectBinding.builder().onChange(reconcile).build());
        builder.bind(CONTROLLERS + "{i}.MTP.{i}.WebSocket.", ObjectBinding.builder()
                .getter("CurrentRetryCount", i -> {
                    WebSocketClientTransport t = w.client(i.parent().path());
                    return t == null ? "0" : Integer.toString(t.status().retryCount());
                })
                .syncCommand("Reset()", call -> {
                    w.reset(call.instance());
                    return Map.of();
                })
                .onChange(reconcile)
                .build());
        return w;
    }

    /**
     * Starts running the data model's WebSocket MTPs on the agent: reconciles now (on the agent thread) and
     * after every change. The transports start when the agent starts (at once if it has).
     *
     * @param agent the agent built from the builder given to {@link #install}
     * @throws IllegalStateException when already attached
     */
    public void attach(UspAgent agent) {
        rows.attach(agent);
    }

    /**
     * The listener running for a {@code Device.LocalAgent.MTP.{i}.} row.
     *
     * @param mtpRow the row path, with or without the final dot
     * @return the transport, or null when none runs
     */
    public WebSocketServerTransport server(String mtpRow) {
        return rows.transport(mtpRow) instanceof WebSocketServerTransport s ? s : null;
    }

    /**
     * The outbound session running for a {@code Device.LocalAgent.Controller.{i}.MTP.{i}.} row.
     *
     * @param controllerMtpRow the row path, with or without the final dot
     * @return the transport, or null when none runs
     */
    public WebSocketClientTransport client(String controllerMtpRow) {
        return rows.transport(controllerMtpRow) instanceof WebSocketClientTransport c ? c : null;
    }

    private void schedule() {
        rows.schedule();
    }

    /**
     * Whether a data-model event (a value, or a row created or deleted) may change the desired transports: the
     * MTP rows, a Controller's MTP rows, Enable and EndpointID, Controller rows themselves.
     */
    private static boolean affects(String path) {
        return path.startsWith(LOCAL_MTPS) || path.startsWith(CONTROLLERS) && (path.endsWith(".") || path.contains(".MTP.")
                || path.endsWith(".Enable") || path.endsWith(".EndpointID"));
    }

    /**
     * The Status of an enabled {@code LocalAgent.MTP.{i}.} row with Protocol WebSocket. On the agent thread.
     */
    private String mtpStatus(ObjectInstance row) {
        WebSocketServerTransport s = server(row.path());
        if (s != null) {
            return s.isListening() ? MtpProtocol.UP : MtpProtocol.DOWN;
        }
        // Enabled but not running: not reconciled yet, or it cannot run (port taken, no certificate).
        return rows.agent() == null ? MtpProtocol.DOWN : MtpProtocol.ERROR;
    }

    /** Reset(): redial at once, retry count zero. On the agent thread. */
    private void reset(ObjectInstance webSocket) {
        WebSocketClientTransport t = client(webSocket.parent().path());
        if (t != null) {
            LOG.info("{}Reset()", webSocket.path());
            // After this task, so that the OperateResp is written to the old session before it closes.
            rows.agent().execute(t::reset);
        }
    }

    /** The desired listeners and sessions, keyed by row. On the agent thread. */
    private Map<String, Object> desired(ModelView view) {
        Map<String, Object> wanted = new LinkedHashMap<>();
        for (String mtp : rows(view, LOCAL_MTPS)) {
            try {
                ServerConfig cfg = serverConfig(view, mtp);
                if (cfg != null) {
                    wanted.put(mtp, cfg);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} is misconfigured: {}", mtp, e.getMessage());
            }
        }
        for (String c : rows(view, CONTROLLERS)) {
            String id = string(view, c + "EndpointID");
            if (!isTrue(view, c + "Enable") || id.isEmpty()) {
                continue;
            }
            for (String cm : rows(view, c + "MTP.")) {
                try {
                    ClientConfig cfg = clientConfig(view, id, cm);
                    if (cfg != null) {
                        wanted.put(cm, cfg);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} is misconfigured: {}", cm, e.getMessage());
                }
            }
        }
        return wanted;
    }

    /** A row's transport. On the agent thread. */
    private MessageTransport create(String row, Object config) {
        return config instanceof ServerConfig s ? new WebSocketServerTransport(serverSettings(s))
                : new WebSocketClientTransport(clientSettings((ClientConfig) config));
    }

    private ServerConfig serverConfig(ModelView view, String mtp) {
        if (!isTrue(view, mtp + "Enable") || !"WebSocket".equals(view.value(mtp + "Protocol"))) {
            return null;
        }
        boolean encryption = notFalse(view, mtp + "WebSocket.EnableEncryption");
        if (encryption && options.serverTls() == null) {
            LOG.warn("{}: EnableEncryption is true but no server certificate was given; the listener does not run", mtp);
            return null;
        }
        return new ServerConfig((int) number(view, mtp + "WebSocket.Port", WebSocketServerSettings.DEFAULT_PORT),
                string(view, mtp + "WebSocket.Path"), encryption, number(view, mtp + "WebSocket.KeepAliveInterval", 60));
    }

    private ClientConfig clientConfig(ModelView view, String controllerId, String cm) {
        if (!isTrue(view, cm + "Enable") || !"WebSocket".equals(view.value(cm + "Protocol"))) {
            return null;
        }
        String ws = cm + "WebSocket.";
        String host = string(view, ws + "Host");
        if (host.isEmpty()) {
            return null;
        }
        boolean encryption = notFalse(view, ws + "EnableEncryption");
        return new ClientConfig(controllerId, host, (int) number(view, ws + "Port", encryption ? 443 : 80),
                string(view, ws + "Path"), encryption, number(view, ws + "KeepAliveInterval", 60),
                number(view, ws + "SessionRetryMinimumWaitInterval", 5), (int) number(view, ws + "SessionRetryIntervalMultiplier", 2000));
    }

    private WebSocketServerSettings serverSettings(ServerConfig c) {
        WebSocketServerSettings.Builder b = WebSocketServerSettings.builder(rows.agent().endpointId(), options.bindAddress(), c.port())
                .path(c.path())
                .encryption(c.encryption())
                .keepAlive(Duration.ofSeconds(c.keepAlive()));
        if (c.encryption()) {
            b.tls(options.serverTls());
        }
        return b.build();
    }

    private WebSocketClientSettings clientSettings(ClientConfig c) {
        WebSocketClientSettings.Builder b = WebSocketClientSettings.builder(rows.agent().endpointId(), c.host(), c.port())
                .peerEndpointId(c.controller())
                .path(c.path())
                .encryption(c.encryption())
                .keepAlive(Duration.ofSeconds(c.keepAlive()))
                .sessionRetry(Duration.ofSeconds(c.retrySeconds()), c.multiplier());
        if (options.clientTls() != null) {
            b.tls(options.clientTls());
        }
        return b.build();
    }
}
