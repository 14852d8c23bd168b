package io.usp4j.datamodel.validation;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import java.util.Objects;
import java.util.Optional;

/**
 * A value a Controller wrote (in a Set, an Add or a command's input) that its parameter's
 * {@link io.usp4j.datamodel.schema.Syntax} refuses. {@link #errorCode()} is {@link ErrorCode#INVALID_TYPE}
 * (7011) when the text is not a lexical form of the type ({@link Rule#TYPE}), and
 * {@link ErrorCode#INVALID_VALUE} (7012) when it is one but breaks a constraint (every other rule).
 *
 * <p>The message is {@code "<parameter path>: <reason>"} when the path is known, else the reason alone.
 * Immutable once thrown.
 */
public final class ValueRejectedException extends UspException {
    private static final long serialVersionUID = 1L;

    /** The rule a rejected value broke. */
    public enum Rule {
        /** Not a lexical form of the type (or a list item is not, or list brackets are unbalanced): 7011. */
        TYPE,
        /** Outside every allowed numeric range, or off the range's step: 7012. */
        RANGE,
        /** A string (in characters) or binary value (in decoded bytes) outside every allowed size: 7012. */
        SIZE,
        /** Not one of the enumerated values: 7012. */
        ENUMERATION,
        /** Matches none of the patterns: 7012. */
        PATTERN,
        /** A list with fewer or more items than the list facet allows: 7012. */
        LIST_ITEMS,
        /** A list whose whole string is outside every size the list facet allows: 7012. */
        LIST_SIZE,
        /** A path reference that is not a path to a single object, or not below an allowed target parent: 7012. */
        REFERENCE,
        /** An {@code Alias} that is empty or does not start with a letter: 7012. */
        ALIAS
    }

    private final Rule rule;
    private final String parameterPath;
    private final String reason;

    /**
     * @param rule the rule broken; decides the error code
     * @param parameterPath the path of the parameter or argument written, or {@code null} when unknown
     * @param reason what was wrong, in words
     * @param cause the underlying failure, or {@code null}
     * @throws NullPointerException when rule or reason is null
     */
    public ValueRejectedException(Rule rule, String parameterPath, String reason, Throwable cause) {
        super(codeOf(rule), parameterPath == null ? reason : parameterPath + ": " + reason, cause);
        this.rule = rule;
        this.parameterPath = parameterPath;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static ErrorCode codeOf(Rule rule) {
        return Objects.requireNonNull(rule, "rule") == Rule.TYPE ? ErrorCode.INVALID_TYPE : ErrorCode.INVALID_VALUE;
    }

    /** The rule the value broke. */
    public Rule rule() {
        return rule;
    }

    /** The path of the parameter or argument, when the caller gave one. */
    public Optional<String> parameterPath() {
        return Optional.ofNullable(parameterPath);
    }

    /** What was wrong, without the parameter path. */
    public String reason() {
        return reason;
    }
}
