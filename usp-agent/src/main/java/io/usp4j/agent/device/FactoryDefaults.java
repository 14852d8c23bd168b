package io.usp4j.agent.device;

import io.usp4j.datamodel.instance.Transaction;

/**
 * The configuration a device starts with on its first boot and after a factory reset: its Controllers and
 * their MTPs, its own MTPs, anything else a vendor seeds. Written in one transaction, with the agent-side
 * calls ({@link Transaction#create}, {@link Transaction#setInternal}) so read-only tables can be filled too:
 * <pre>{@code
 * tx -> {
 *     String c = tx.create("Device.LocalAgent.Controller.", Map.of(
 *             "EndpointID", "proto::acs.example.net", "Enable", "true")).instancePath();
 *     tx.create(c + "MTP.", Map.of("Protocol", "MQTT", "Enable", "true"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FactoryDefaults {

    /** No defaults. */
    FactoryDefaults NONE = tx -> { };

    /**
     * Stages the factory configuration.
     *
     * @param tx the transaction the agent commits afterwards
     */
    void apply(Transaction tx);
}
