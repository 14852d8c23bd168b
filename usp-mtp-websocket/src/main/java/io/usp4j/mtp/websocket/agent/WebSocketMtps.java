package io.usp4j.mtp.websocket.agent;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.TlsSettings;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.DataModelListener;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.binding.ObjectInstance;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.mtp.websocket.WebSocketClientSettings;
import io.usp4j.mtp.websocket.WebSocketClientTransport;
import io.usp4j.mtp.websocket.WebSocketServerSettings;
import io.usp4j.mtp.websocket.WebSocketServerTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@link DataModelListener}) a reconciliation runs on the agent thread: a transport whose settings did not
 * change is left alone; one whose settings changed is detached and closed, and a new one attached.
 *
 * <p>Use: {@code WebSocketMtps ws = WebSocketMtps.install(builder, options); UspAgent agent = builder.build();
 * ws.attach(agent); agent.start();}. It binds only the two {@code WebSocket.} objects, so it can be installed
 * alongside the MQTT binding, which binds the MTP rows themselves.
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
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private volatile UspAgent agent;
    private boolean pending;

    /** One attached transport and what it was made from. */
    private record Running(Object config, MessageTransport transport) {}

    private record ServerConfig(int port, String path, boolean encryption, long keepAlive) {}

    private record ClientConfig(String controller, String host, int port, String path, boolean encryption, long keepAlive,
            long retrySeconds, int multiplier) {}

    private WebSocketMtps(Options options) {
        this.options = options;
    }

    /**
     * Declares {@code WebSocket} in {@code Device.LocalAgent.SupportedProtocols} and binds
     * {@code Device.LocalAgent.MTP.{i}.WebSocket.} and {@code Device.LocalAgent.Controller.{i}.MTP.{i}.WebSocket.}
     * on the builder. Call before {@link UspAgent.Builder#build()}, then {@link #attach} the built agent.
     *
     * @param builder the agent's builder
     * @param options the bind address and TLS
     * @return the binding, to attach the agent to
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when those objects are bound already
     */
    public static WebSocketMtps install(UspAgent.Builder builder, Options options) {
        Objects.requireNonNull(builder, "builder");
        WebSocketMtps w = new WebSocketMtps(Objects.requireNonNull(options, "options"));
        builder.supportedProtocol("WebSocket");
        ChangeHandler reconcile = new ChangeHandler() {
            @Override
            public void apply(ObjectChange change) {
                w.schedule();
            }
        };
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
        Objects.requireNonNull(agent, "agent");
        synchronized (this) {
            if (this.agent != null) {
                throw new IllegalStateException("already attached");
            }
            this.agent = agent;
        }
        agent.execute(() -> {
            agent.dataModel().addListener(new DataModelListener() {
                @Override
                public void onValueChange(String path, String value) {
                    if (path.startsWith(LOCAL_MTPS) || path.startsWith(CONTROLLERS) && path.contains(".MTP.")
                            || path.startsWith(CONTROLLERS) && (path.endsWith(".Enable") || path.endsWith(".EndpointID"))) {
                        schedule();
                    }
                }

                @Override
                public void onObjectCreation(String path) {
                    if (path.startsWith(LOCAL_MTPS) || path.startsWith(CONTROLLERS)) {
                        schedule();
                    }
                }

                @Override
                public void onObjectDeletion(String path) {
                    if (path.startsWith(LOCAL_MTPS) || path.startsWith(CONTROLLERS)) {
                        schedule();
                    }
                }
            });
            reconcile();
        });
    }

    /**
     * The listener running for a {@code Device.LocalAgent.MTP.{i}.} row.
     *
     * @param mtpRow the row path, with or without the final dot
     * @return the transport, or null when none runs
     */
    public WebSocketServerTransport server(String mtpRow) {
        Running r = running.get(rowPath(mtpRow));
        return r != null && r.transport() instanceof WebSocketServerTransport s ? s : null;
    }

    /**
     * The outbound session running for a {@code Device.LocalAgent.Controller.{i}.MTP.{i}.} row.
     *
     * @param controllerMtpRow the row path, with or without the final dot
     * @return the transport, or null when none runs
     */
    public WebSocketClientTransport client(String controllerMtpRow) {
        Running r = running.get(rowPath(controllerMtpRow));
        return r != null && r.transport() instanceof WebSocketClientTransport c ? c : null;
    }

    private void schedule() {
        UspAgent a = agent;
        if (a == null || pending) {
            return;
        }
        pending = true;
        a.execute(this::reconcile);
    }

    /** Reset(): redial at once, retry count zero. On the agent thread. */
    private void reset(ObjectInstance webSocket) {
        WebSocketClientTransport t = client(webSocket.parent().path());
        if (t != null) {
            LOG.info("{}Reset()", webSocket.path());
            // After this task, so that the OperateResp is written to the old session before it closes.
            agent.execute(t::reset);
        }
    }

    /** Brings the running transports in line with the data model. On the agent thread. */
    private void reconcile() {
        pending = false;
        UspAgent a = agent;
        ModelView view = a.dataModel().view();
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
            String id = str(view, c + "EndpointID");
            if (!"true".equals(view.value(c + "Enable")) || id.isEmpty()) {
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
        for (Map.Entry<String, Running> e : new ArrayList<>(running.entrySet())) {
            if (!e.getValue().config().equals(wanted.get(e.getKey()))) {
                LOG.info("{}: stopping its WebSocket transport", e.getKey());
                a.removeTransport(e.getValue().transport());
                running.remove(e.getKey());
            }
        }
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            if (running.containsKey(e.getKey())) {
                continue;
            }
            MessageTransport t;
            try {
                t = e.getValue() instanceof ServerConfig s ? new WebSocketServerTransport(serverSettings(s))
                        : new WebSocketClientTransport(clientSettings((ClientConfig) e.getValue()));
            } catch (RuntimeException ex) {
                LOG.warn("{} is misconfigured: {}", e.getKey(), ex.getMessage());
                continue;
            }
            LOG.info("{}: starting {}", e.getKey(), t);
            try {
                a.addTransport(t);
            } catch (IllegalStateException closed) {
                LOG.debug("agent closed; {} not started", e.getKey());
                t.close();
                return;
            } catch (RuntimeException failed) {
                // A listener that cannot bind its port: the row stays down until it changes.
                LOG.warn("{}: {} did not start: {}", e.getKey(), t, failed.getMessage());
                a.removeTransport(t);
                continue;
            }
            running.put(e.getKey(), new Running(e.getValue(), t));
        }
    }

    private ServerConfig serverConfig(ModelView view, String mtp) {
        if (!"true".equals(view.value(mtp + "Enable")) || !"WebSocket".equals(view.value(mtp + "Protocol"))) {
            return null;
        }
        boolean encryption = !"false".equals(view.value(mtp + "WebSocket.EnableEncryption"));
        if (encryption && options.serverTls() == null) {
            LOG.warn("{}: EnableEncryption is true but no server certificate was given; the listener does not run", mtp);
            return null;
        }
        return new ServerConfig((int) num(view, mtp + "WebSocket.Port", WebSocketServerSettings.DEFAULT_PORT),
                str(view, mtp + "WebSocket.Path"), encryption, num(view, mtp + "WebSocket.KeepAliveInterval", 60));
    }

    private ClientConfig clientConfig(ModelView view, String controllerId, String cm) {
        if (!"true".equals(view.value(cm + "Enable")) || !"WebSocket".equals(view.value(cm + "Protocol"))) {
            return null;
        }
        String ws = cm + "WebSocket.";
        String host = str(view, ws + "Host");
        if (host.isEmpty()) {
            return null;
        }
        boolean encryption = !"false".equals(view.value(ws + "EnableEncryption"));
        return new ClientConfig(controllerId, host, (int) num(view, ws + "Port", encryption ? 443 : 80),
                str(view, ws + "Path"), encryption, num(view, ws + "KeepAliveInterval", 60),
                num(view, ws + "SessionRetryMinimumWaitInterval", 5), (int) num(view, ws + "SessionRetryIntervalMultiplier", 2000));
    }

    private WebSocketServerSettings serverSettings(ServerConfig c) {
        WebSocketServerSettings.Builder b = WebSocketServerSettings.builder(agent.endpointId(), options.bindAddress(), c.port())
                .path(c.path())
                .encryption(c.encryption())
                .keepAlive(Duration.ofSeconds(c.keepAlive()));
        if (c.encryption()) {
            b.tls(options.serverTls());
        }
        return b.build();
    }

    private WebSocketClientSettings clientSettings(ClientConfig c) {
        WebSocketClientSettings.Builder b = WebSocketClientSettings.builder(agent.endpointId(), c.host(), c.port())
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

    /** The instance paths of a table's rows. */
    private static List<String> rows(ModelView view, String table) {
        List<String> out = new ArrayList<>();
        for (ResolvedPath p : view.resolve(PathName.parse(table + "*.")).paths()) {
            out.add(p.path());
        }
        return out;
    }

    private static String rowPath(String row) {
        return row.endsWith(".") ? row : row + ".";
    }

    private static String str(ModelView view, String path) {
        String v = view.value(path);
        return v == null ? "" : v;
    }

    private static long num(ModelView view, String path, long dflt) {
        String v = view.value(path);
        return v == null || v.isEmpty() ? dflt : Long.parseLong(v);
    }
}
