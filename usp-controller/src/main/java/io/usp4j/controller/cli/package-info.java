/**
 * The {@code usp} command-line Controller ({@link io.usp4j.controller.cli.UspCli}): one command per run, or
 * an interactive shell, against one Agent over MQTT or WebSocket, printing tables or JSON.
 */
package io.usp4j.controller.cli;
