package io.usp4j.core.path;

import java.util.List;

/**
 * A parameter path relative to an object instance, as used inside a search expression: names of
 * single-instance children and reference follows, ending in a parameter name ({@code Stats.BytesSent},
 * {@code SSIDReference+.SSID}, {@code Refs#*+.Name}). It never steps into a child table.
 *
 * @param segments only {@link PathSegment.Name} and {@link PathSegment.ReferenceFollow}; the last is a Name
 */
public record RelativePath(List<PathSegment> segments) {}
