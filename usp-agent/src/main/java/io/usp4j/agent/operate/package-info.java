/**
 * Asynchronous commands: the {@code Device.LocalAgent.Request.{i}.} object of each command in progress, its
 * completion (OperationComplete) and its cancellation ({@code Request.{i}.Cancel()}).
 */
package io.usp4j.agent.operate;
