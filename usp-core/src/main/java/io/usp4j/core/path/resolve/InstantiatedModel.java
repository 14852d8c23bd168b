package io.usp4j.core.path.resolve;

/**
 * A read-only view of an Agent's Instantiated Data Model, the tree a {@link PathResolver} walks. The data
 * model implements it (often as a thin adapter over its own storage); the resolver only reads.
 *
 * <p>Implementations must give a consistent view for the duration of one {@link PathResolver#resolve} call
 * and be safe for the concurrency the caller uses (typically: one message at a time, or concurrent reads).
 */
public interface InstantiatedModel {

    /**
     * The root object called {@code name} ({@code Device}).
     *
     * @return the root, or null when the model has no root of that name
     */
    InstantiatedObject root(String name);
}
