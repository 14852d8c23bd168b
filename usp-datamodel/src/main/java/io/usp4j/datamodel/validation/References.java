package io.usp4j.datamodel.validation;

import io.usp4j.core.path.Comparison;
import io.usp4j.core.path.Operator;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.PathSegment;
import io.usp4j.core.path.PathSyntaxException;
import io.usp4j.datamodel.schema.PathReference;
import io.usp4j.datamodel.schema.PathReference.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The static checks of a {@code pathRef} value: its syntax, its shape for the target type, and its place
 * below the target parents (resolved from the parameter's path when known, see {@link ValueValidator}).
 * Stateless and thread-safe.
 */
final class References {
    private References() {}

    /** How a target parent is compared with the referenced path's parent. */
    private enum Mode {
        /** Equal to a full path. */
        ABSOLUTE,
        /** Ends with the text (which starts with a dot): a relative parent whose base is unknown. */
        SUFFIX,
        /** Equal after the first step (the text starts with a dot): a root-relative parent, root unknown. */
        ROOT_RELATIVE
    }

    private record Target(String path, Mode mode, String written) {
        boolean matches(String parent) {
            return switch (mode) {
                case ABSOLUTE -> parent.equals(path);
                case SUFFIX -> parent.endsWith(path);
                case ROOT_RELATIVE -> parent.substring(parent.indexOf('.')).equals(path);
            };
        }

        String shown() {
            return mode == Mode.ABSOLUTE ? path : written;
        }
    }

    /**
     * Why {@code value} is not an acceptable reference, or empty when it is.
     *
     * @param parameterPath the full path of the parameter holding the reference, or null
     */
    static Optional<String> check(PathReference ref, String parameterPath, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        PathName p;
        try {
            p = PathName.parseReference(value);
        } catch (PathSyntaxException e) {
            return Optional.of("is not a path name (" + e.getMessage() + ")");
        }
        for (PathSegment s : p.segments()) {
            if (s instanceof PathSegment.Wildcard) {
                return Optional.of("is not a reference to one object: it holds a wildcard");
            }
            if (s instanceof PathSegment.ReferenceFollow) {
                return Optional.of("is not a reference to one object: it follows a reference");
            }
            if (s instanceof PathSegment.Search search) {
                for (Comparison c : search.expression().terms()) {
                    if (c.operator() != Operator.EQUAL) {
                        return Optional.of("is not a reference to one object: a unique key is given with ==, not "
                                + c.operator().symbol());
                    }
                }
            }
            if (s instanceof PathSegment.Placeholder) {
                return Optional.of("is not a reference to one object: it holds {i}");
            }
        }
        PathSegment last = p.lastSegment();
        boolean endsInInstance = last instanceof PathSegment.InstanceNumber || last instanceof PathSegment.Search;
        TargetType t = ref.targetType();
        if (t == TargetType.ROW && !endsInInstance) {
            return Optional.of("is not a table row (it must end in an instance number or unique key)");
        }
        if ((t == TargetType.TABLE || t == TargetType.SINGLE || t == TargetType.PARAMETER) && endsInInstance) {
            return Optional.of("is a table row, not a " + t.xmlName());
        }
        if (ref.targetParents().isEmpty()) {
            return Optional.empty();
        }
        String supported = p.toSupported().toString();
        // A row's parent is its table; anything else is directly below an object, a table instance
        // (Name.{i}.) counting as one level as TR-106 names objects.
        String parent = t == TargetType.ROW || !supported.endsWith(".{i}.")
                ? parentOf(supported)
                : parentOf(supported.substring(0, supported.length() - 4));
        List<String> levels = parameterPath == null ? List.of() : levels(parameterPath);
        List<Target> targets = new ArrayList<>();
        for (String written : ref.targetParents()) {
            Target target = resolve(written, levels, t == TargetType.ROW);
            if (parent != null && target.matches(parent)) {
                return Optional.empty();
            }
            targets.add(target);
        }
        StringBuilder sb = new StringBuilder(t == TargetType.ROW ? "is not a row of " : "is not directly below ");
        if (targets.size() > 1) {
            sb.append("any of ");
        }
        for (int i = 0; i < targets.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(targets.get(i).shown());
        }
        return Optional.of(sb.toString());
    }

    /** The supported path one step up, ending in a dot ({@code A.B.{i}.} gives {@code A.B.}); null for a root. */
    private static String parentOf(String supportedObjectPath) {
        String trimmed = supportedObjectPath.endsWith(".")
                ? supportedObjectPath.substring(0, supportedObjectPath.length() - 1)
                : supportedObjectPath;
        int dot = trimmed.lastIndexOf('.');
        return dot < 0 ? null : trimmed.substring(0, dot + 1);
    }

    /**
     * Resolves a {@code targetParent} as written in the data model. {@code levels} are the steps from the
     * root to the object holding the parameter (empty when unknown).
     */
    private static Target resolve(String written, List<String> levels, boolean row) {
        Target t;
        if (written.startsWith(".")) {
            t = levels.isEmpty()
                    ? new Target(written, Mode.ROOT_RELATIVE, written)
                    : new Target(levels.get(0) + written, Mode.ABSOLUTE, written);
        } else if (written.startsWith("#")) {
            int n = 0;
            while (n < written.length() && written.charAt(n) == '#') {
                n++;
            }
            String rest = written.substring(n);
            if (!rest.startsWith(".")) {
                rest = "." + rest;
            }
            t = levels.size() > n
                    ? new Target(String.join(".", levels.subList(0, levels.size() - n)) + rest, Mode.ABSOLUTE, written)
                    : new Target(rest, Mode.SUFFIX, written);
        } else if (levels.isEmpty()) {
            t = written.startsWith("Device.") || written.startsWith("InternetGatewayDevice.")
                    ? new Target(written, Mode.ABSOLUTE, written)
                    : new Target("." + written, Mode.SUFFIX, written);
        } else if (written.startsWith(levels.get(0) + ".")) {
            t = new Target(written, Mode.ABSOLUTE, written);
        } else {
            t = new Target(String.join(".", levels) + "." + written, Mode.ABSOLUTE, written);
        }
        if (!t.path.endsWith(".")) {
            t = new Target(t.path + ".", t.mode, written);
        }
        if (row && t.path.endsWith(".{i}.")) {
            t = new Target(t.path.substring(0, t.path.length() - 4), t.mode, written);
        }
        return t;
    }

    /**
     * The levels of the object (or command, or event) that holds a parameter or argument, instance selectors
     * merged into their table's level as {@code {i}}: {@code Device.NAT.PortMapping.3.Interface} gives
     * {@code [Device, NAT, PortMapping.{i}]}; {@code Device.SoftwareModules.InstallDU().URL} gives
     * {@code [Device, SoftwareModules, InstallDU()]}. Empty when the path cannot be read.
     */
    static List<String> levels(String parameterPath) {
        List<String> steps = steps(parameterPath);
        if (steps.isEmpty()) {
            return List.of();
        }
        if (steps.get(steps.size() - 1).isEmpty()) {
            steps.remove(steps.size() - 1); // an object path: every step is a level
        } else {
            steps.remove(steps.size() - 1); // the parameter's own name
        }
        List<String> levels = new ArrayList<>();
        for (String s : steps) {
            if (s.isEmpty()) {
                return List.of();
            }
            if (isInstanceSelector(s)) {
                if (levels.isEmpty()) {
                    return List.of();
                }
                levels.set(levels.size() - 1, levels.get(levels.size() - 1) + ".{i}");
            } else {
                levels.add(s);
            }
        }
        return levels;
    }

    private static boolean isInstanceSelector(String step) {
        if (step.equals("{i}") || step.equals("*") || step.startsWith("[")) {
            return true;
        }
        for (int i = 0; i < step.length(); i++) {
            if (step.charAt(i) < '0' || step.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Splits at dots outside brackets and quotes. */
    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '.' && depth == 0) {
                steps.add(path.substring(start, i));
                start = i + 1;
            }
        }
        steps.add(path.substring(start));
        return steps;
    }
}
