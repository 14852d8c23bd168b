/**
 * A small USP Controller: send any request to an Agent over any {@link io.usp4j.core.transport.MessageTransport}
 * (MQTT, WebSocket), match the answer by {@code msg_id} with a timeout, and
 * receive notifications, acknowledging them with {@code NotifyResp}.
 *
 * <p>Start with {@link io.usp4j.controller.UspController#builder()}, then
 * {@link io.usp4j.controller.UspController#agent} for a {@link io.usp4j.controller.RemoteAgent} to talk to.
 * The {@code usp} command-line tool ({@link io.usp4j.controller.cli.UspCli}) is built on this package.
 */
package io.usp4j.controller;
