/**
 * The agent's WebSocket MTPs run from its data model: {@link io.usp4j.mtp.websocket.agent.WebSocketMtps}.
 */
package io.usp4j.mtp.websocket.agent;
