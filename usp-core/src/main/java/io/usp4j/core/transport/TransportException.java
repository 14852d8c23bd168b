package io.usp4j.core.transport;

/** A transport could not send a Record: not connected, closed, or the peer refused it. */
public class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public TransportException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
