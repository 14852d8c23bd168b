package io.usp4j.core.path;

/**
 * One term of a search expression: {@code relativePath operator value}, e.g. {@code Stats.ErrorsSent>0} or
 * {@code SSIDReference+.SSID=="MyHome"}.
 *
 * @param parameter the parameter compared, relative to the instance being tested
 * @param operator the comparison
 * @param value the constant compared with
 */
public record Comparison(RelativePath parameter, Operator operator, Literal value) {}
