package io.usp4j.datamodel.xml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the documents a data-model document imports ({@code <import file="tr-106-types.xml">}).
 * Implementations must be safe to call from the loading thread; the loader closes the streams.
 */
@FunctionalInterface
public interface ImportResolver {

    /**
     * Opens an imported document.
     *
     * @param file the {@code file} attribute of the import, e.g. {@code tr-106-types.xml}
     * @return the document's content, or empty when this resolver does not know the file
     * @throws IOException when the file exists but cannot be read
     */
    Optional<InputStream> open(String file) throws IOException;

    /** A resolver that knows no file. */
    static ImportResolver none() {
        return file -> Optional.empty();
    }

    /**
     * A resolver reading files from a directory. Names that would leave the directory ({@code ../x},
     * absolute paths) are not resolved.
     */
    static ImportResolver directory(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        return file -> {
            Path p = root.resolve(file).normalize();
            if (!p.startsWith(root) || !Files.isRegularFile(p)) {
                return Optional.empty();
            }
            return Optional.of(Files.newInputStream(p));
        };
    }

    /** A resolver reading class-path resources below a prefix ({@code "datamodels/"}). */
    static ImportResolver classpath(ClassLoader loader, String prefix) {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(prefix, "prefix");
        return file -> Optional.ofNullable(loader.getResourceAsStream(prefix + file));
    }

    /** A resolver trying this one, then {@code other}. */
    default ImportResolver or(ImportResolver other) {
        return file -> {
            Optional<InputStream> in = open(file);
            return in.isPresent() ? in : other.open(file);
        };
    }
}
