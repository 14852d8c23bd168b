package io.usp4j.core.endpoint;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;

/**
 * Text that is not a valid USP Endpoint ID (or not a valid {@code urn:bbf:usp:id:} URN): USP error 7012
 * (Invalid value), which is what a Controller receives when it sets a bad {@code EndpointID}. The message names
 * the rule that was broken.
 */
public final class EndpointIdException extends UspException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_QUOTED = 120;

    private final String input;
    private final String reason;

    /**
     * @param input the whole text that was rejected
     * @param reason what is wrong with it, in words
     */
    public EndpointIdException(String input, String reason) {
        super(ErrorCode.INVALID_VALUE, "Invalid Endpoint ID \"" + quote(input) + "\": " + reason);
        this.input = input;
        this.reason = reason;
    }

    private static String quote(String input) {
        StringBuilder out = new StringBuilder(Math.min(input.length(), MAX_QUOTED) + 3);
        for (int i = 0; i < input.length() && i < MAX_QUOTED; i++) {
            char c = input.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (input.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.toString();
    }

    /** The text that was rejected. */
    public String input() {
        return input;
    }

    /** What is wrong with it, without the quoted input. */
    public String reason() {
        return reason;
    }
}
