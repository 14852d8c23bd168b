package io.usp4j.datamodel.xml;

import io.usp4j.datamodel.schema.SupportedDataModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Supported Data Model definitions that the usp4j Agent implements itself, shipped with the library as
 * the resource {@value #RESOURCE}:
 *
 * <ul>
 *   <li>{@code Device.} with {@code RootDataModelVersion}, {@code Reboot()}, {@code FactoryReset()},
 *       the asynchronous {@code ScheduleTimer()} and the {@code Boot!} event;
 *   <li>{@code Device.LocalAgent.} with its MTP, Controller (MTPs, E2E session, boot parameters, transfer
 *       policy), Certificate, ControllerTrust (roles, permissions, credentials, challenges), Subscription and
 *       Request tables, {@code AddCertificate()} and the {@code Periodic!}, {@code WakeUp!} and
 *       {@code TransferComplete!} events;
 *   <li>the transport objects those MTPs point at: {@code Device.MQTT.} (capabilities, clients and their
 *       subscriptions), {@code Device.STOMP.Connection.{i}.} and
 *       {@code Device.UnixDomainSockets.UnixDomainSocket.{i}.}.
 * </ul>
 *
 * <p>The definitions follow TR-181 as amended up to 2.19 (no CoAP objects). Merge them with the model of
 * the device, e.g. {@code deviceModel.toBuilder().merge(AgentModels.usp()).build()}.
 *
 * <p>Thread-safe: the model is loaded once, on first use, and the same immutable instance is returned to
 * every caller.
 */
public final class AgentModels {
    /** The class-path resource holding the document. */
    public static final String RESOURCE = "/io/usp4j/datamodel/xml/usp-agent-model.xml";

    private static final Object LOCK = new Object();
    private static volatile SupportedDataModel usp;

    private AgentModels() {}

    /**
     * The Agent's own data model: {@code Device.LocalAgent.}, the MTP objects and the device-level commands
     * and events listed in the class comment. Loaded from {@value #RESOURCE} on the first call and cached.
     *
     * @return the model, the same instance on every call
     * @throws IllegalStateException when the resource is missing from the class path
     * @throws UncheckedIOException when the resource cannot be read or is not a valid document (a packaging
     *     error; the cause is the {@link IOException} or {@link DataModelFormatException})
     */
    public static SupportedDataModel usp() {
        SupportedDataModel m = usp;
        if (m == null) {
            synchronized (LOCK) {
                m = usp;
                if (m == null) {
                    m = load();
                    usp = m;
                }
            }
        }
        return m;
    }

    private static SupportedDataModel load() {
        try (InputStream in = AgentModels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            return DataModelLoader.defaults().load(in, "usp-agent-model.xml");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the agent data model from " + RESOURCE, e);
        }
    }
}
