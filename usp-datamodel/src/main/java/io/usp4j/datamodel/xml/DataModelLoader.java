package io.usp4j.datamodel.xml;

import io.usp4j.datamodel.schema.Status;
import io.usp4j.datamodel.schema.SupportedDataModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link SupportedDataModel} from TR-106 data-model XML documents (the {@code cwmp-datamodel}
 * format in which the Broadband Forum publishes TR-181).
 *
 * <p>What it understands: named data types ({@code <dataType>} with {@code base=} chains and facets),
 * imports of data types, components and models from other documents (found through an
 * {@link ImportResolver}) and library documents consulted for names a document uses without importing
 * them, {@code {i}} tables, unique keys (functional or not), enumerations, ranges, sizes, patterns,
 * {@code pathRef}/{@code instanceRef}/{@code enumerationRef}, list facets, units, defaults, secured and
 * hidden syntax, access, {@code activeNotify}, commands (async, input and output arguments including
 * argument objects), events, components expanded at a {@code path}, models derived from a base model,
 * and objects, parameters, commands and events modified with {@code base=} (or {@code ref=}).
 *
 * <p>Status: by default everything but {@link Status#DELETED} is kept (deleted items must not be
 * implemented, while deprecated and obsoleted ones may still be); each definition carries its status.
 * Choose otherwise with {@link Builder#statuses(Set)}. Descriptions, bibliographies, templates and
 * profiles are not read.
 *
 * <p>Security: the documents are parsed with the JDK's StAX parser; external DTDs and external entities
 * are refused (only the internal DTD subset, which TR-106 documents use for pattern entities, is honoured),
 * and the JDK's entity expansion limits apply.
 *
 * <p>A loader is immutable and may be shared between threads; each {@code load} call works alone.
 */
public final class DataModelLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DataModelLoader.class);

    private final ImportResolver resolver;
    private final Set<Status> statuses;
    private final String modelName;
    private final List<Path> libraries;

    private DataModelLoader(Builder b) {
        this.resolver = b.resolver;
        this.statuses = Set.copyOf(b.statuses);
        this.modelName = b.modelName;
        this.libraries = List.copyOf(b.libraries);
    }

    /** Starts a loader configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A loader with the default configuration (imports resolved next to the loaded file). */
    public static DataModelLoader defaults() {
        return builder().build();
    }

    /**
     * Loads the model of a document file. Imports are resolved by the configured resolver, or else in the
     * file's directory.
     *
     * @throws DataModelFormatException when a document is malformed or inconsistent (names file and line)
     * @throws IOException when a file cannot be read
     */
    public SupportedDataModel load(Path file) throws IOException {
        ImportResolver r = resolver;
        if (r == null) {
            Path dir = file.toAbsolutePath().getParent();
            r = dir == null ? ImportResolver.none() : ImportResolver.directory(dir);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.getFileName().toString(), r);
        }
    }

    /**
     * Loads the model of a document read from a stream (not closed). Imports are resolved by the
     * configured resolver, or not at all when none is configured.
     *
     * @param fileName the document's name, used in error messages and to recognise imports of itself
     * @throws DataModelFormatException when a document is malformed or inconsistent (names file and line)
     * @throws IOException when a document cannot be read
     */
    public SupportedDataModel load(InputStream in, String fileName) throws IOException {
        return load(in, fileName, resolver == null ? ImportResolver.none() : resolver);
    }

    private SupportedDataModel load(InputStream in, String fileName, ImportResolver r) throws IOException {
        long start = System.nanoTime();
        LoadSession session = new LoadSession(r, statuses);
        for (Path lib : libraries) {
            try (InputStream libIn = Files.newInputStream(lib)) {
                session.addLibrary(session.read(libIn, lib.getFileName().toString()));
            }
        }
        Document main = session.read(in, fileName);
        SupportedDataModel model = session.load(main, modelName);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Loaded {} from {} in {} ms ({} objects left out by status)", model, fileName,
                    (System.nanoTime() - start) / 1_000_000, session.skippedCount());
        }
        return model;
    }

    /** Collects the configuration of a {@link DataModelLoader}. Not thread-safe. */
    public static final class Builder {
        private ImportResolver resolver;
        private Set<Status> statuses = EnumSet.complementOf(EnumSet.of(Status.DELETED));
        private String modelName;
        private final List<Path> libraries = new ArrayList<>();

        private Builder() {}

        /** Sets how imported documents are found (default: the directory of the loaded file). */
        public Builder importResolver(ImportResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Adds a library document (e.g. {@code tr-106-types.xml}): its data types, components and models
         * serve names that the loaded documents use but neither define nor import.
         */
        public Builder library(Path document) {
            libraries.add(Objects.requireNonNull(document, "document"));
            return this;
        }

        /**
         * Sets which statuses to keep (default: all but deleted). Items with another status are left out
         * with everything below them.
         *
         * @throws IllegalArgumentException when the set is empty
         */
        public Builder statuses(Set<Status> statuses) {
            if (statuses.isEmpty()) {
                throw new IllegalArgumentException("keep at least one status");
            }
            this.statuses = EnumSet.copyOf(statuses);
            return this;
        }

        /**
         * Chooses the model to load by name ({@code Device:2.16}); needed only when the document defines
         * several.
         */
        public Builder model(String name) {
            this.modelName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Builds the loader. */
        public DataModelLoader build() {
            return new DataModelLoader(this);
        }
    }
}
