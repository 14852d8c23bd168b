package io.usp4j.core.path;

/** The comparison operators of a search expression. */
public enum Operator {
    EQUAL("=="),
    NOT_EQUAL("!="),
    /** {@code ~=}: a comma-separated list parameter has an item equal to the value. */
    CONTAINS("~="),
    LESS("<"),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a path. */
    public String symbol() {
        return symbol;
    }
}
