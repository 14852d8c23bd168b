/**
 * The storage SPI: where the agent keeps library-backed rows, configuration, instance-number counters,
 * subscriptions and outboxes. {@link io.usp4j.datamodel.storage.Storage} maps namespaced keys to byte
 * values and commits a {@link io.usp4j.datamodel.storage.WriteBatch} atomically;
 * {@link io.usp4j.datamodel.storage.InMemoryStorage} is the volatile store and
 * {@link io.usp4j.datamodel.storage.FileStorage} the durable default.
 */
package io.usp4j.datamodel.storage;
