package io.usp4j.datamodel.schema;

/** Checks of the names and supported paths TR-106 allows. */
final class Names {
    private Names() {}

    /** A name: a letter or underscore, then letters, digits, underscores or hyphens (vendor prefixes). */
    static boolean isName(CharSequence s, int from, int to) {
        if (from >= to) {
            return false;
        }
        char c = s.charAt(from);
        if (!(isLetter(c) || c == '_')) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            c = s.charAt(i);
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static String requireName(String name, String suffix, String what) {
        if (name == null || !name.endsWith(suffix) || !isName(name, 0, name.length() - suffix.length())) {
            throw new IllegalArgumentException("not a valid " + what + " name: " + name);
        }
        return name;
    }

    /**
     * Checks a supported object path ({@code Device.WiFi.SSID.{i}.}, or an argument object path such as
     * {@code Result.{i}.}). The first segment must be a name, and {@code {i}} may only follow a name.
     */
    static String requireObjectPath(String path) {
        if (path == null || path.isEmpty() || path.charAt(path.length() - 1) != '.') {
            throw new IllegalArgumentException("an object path must end with '.': " + path);
        }
        int start = 0;
        boolean previousWasName = false;
        while (start < path.length()) {
            int dot = path.indexOf('.', start);
            if (path.startsWith("{i}", start) && dot == start + 3) {
                if (!previousWasName) {
                    throw new IllegalArgumentException("misplaced {i} in object path: " + path);
                }
                previousWasName = false;
            } else if (isName(path, start, dot)) {
                previousWasName = true;
            } else {
                throw new IllegalArgumentException("not a valid object path: " + path);
            }
            start = dot + 1;
        }
        return path;
    }

    /** The parent object path of an object path, or {@code null} for a root object. */
    static String parentPath(String objectPath) {
        int end = objectPath.length() - 1;
        if (objectPath.endsWith(".{i}.")) {
            end -= 4;
        }
        int dot = objectPath.lastIndexOf('.', end - 1);
        return dot < 0 ? null : objectPath.substring(0, dot + 1);
    }

    /** The last name of an object path ({@code SSID} for {@code Device.WiFi.SSID.{i}.}). */
    static String lastName(String objectPath) {
        int end = objectPath.length() - 1;
        if (objectPath.endsWith(".{i}.")) {
            end -= 4;
        }
        int dot = objectPath.lastIndexOf('.', end - 1);
        return objectPath.substring(dot + 1, end);
    }
}
