package io.usp4j.controller;

/** A listener added to a controller or agent; closing it removes the listener. Closing twice does nothing. */
@FunctionalInterface
public interface ListenerRegistration extends AutoCloseable {

    /** Removes the listener. */
    @Override
    void close();
}
