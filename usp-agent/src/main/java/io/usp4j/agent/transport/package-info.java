/**
 * Transports run from the data model: {@link io.usp4j.agent.transport.TransportReconciler} keeps one transport
 * per configuration row in line with the rows (the reconcile loop every data-model-driven MTP binding shares),
 * {@link io.usp4j.agent.transport.ModelRows} reads rows and values of a model view, and
 * {@link io.usp4j.agent.transport.MtpProtocol} is what an MTP binding contributes to
 * {@code Device.LocalAgent.MTP.{i}.}, which the agent binds once for every protocol.
 */
package io.usp4j.agent.transport;
