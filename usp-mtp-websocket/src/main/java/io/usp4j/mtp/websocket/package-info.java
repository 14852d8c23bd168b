/**
 * The WebSocket Message Transfer Protocol of TR-369 over Netty 4.2: {@link io.usp4j.mtp.websocket.WebSocketClientTransport}
 * dials one peer and keeps one session to it (an Agent's {@code Controller.{i}.MTP.{i}.WebSocket.}, or a
 * Controller dialling an Agent), {@link io.usp4j.mtp.websocket.WebSocketServerTransport} listens and accepts
 * sessions (an Agent's {@code LocalAgent.MTP.{i}.WebSocket.}, or a Controller accepting Agents). Both carry
 * one Record per binary message, join fragmented messages, close with 1003 on what is not a Record, keep the
 * session alive with Pings, and speak TLS with the shared {@link io.usp4j.core.transport.TlsSettings}.
 */
package io.usp4j.mtp.websocket;
