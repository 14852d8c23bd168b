package io.usp4j.core.path;

import java.util.Objects;

/**
 * One term of a search expression: {@code relativePath operator value}, e.g. {@code Stats.ErrorsSent>0} or
 * {@code SSIDReference+.SSID=="MyHome"}.
 *
 * @param parameter the parameter compared, relative to the instance being tested
 * @param operator the comparison
 * @param value the constant compared with
 */
public record Comparison(RelativePath parameter, Operator operator, Literal value) {
    public Comparison {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
    }

    /** The term as written in a path, without whitespace: {@code Stats.ErrorsSent>0}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32);
        PathParser.appendComparison(sb, this);
        return sb.toString();
    }
}
