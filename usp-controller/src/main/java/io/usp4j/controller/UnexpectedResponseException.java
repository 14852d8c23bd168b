package io.usp4j.controller;

/** An Agent answered a request with a Response of another type than the request asks for. */
public final class UnexpectedResponseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public UnexpectedResponseException(String message) {
        super(message);
    }
}
