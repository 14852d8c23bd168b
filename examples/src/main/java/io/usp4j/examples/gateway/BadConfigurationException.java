package io.usp4j.examples.gateway;

/**
 * The gateway's command line or configuration is wrong; the message is the one-line reason printed on stderr.
 *
 * <p>Immutable.
 */
final class BadConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadConfigurationException(String reason) {
        super(reason);
    }

    BadConfigurationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
