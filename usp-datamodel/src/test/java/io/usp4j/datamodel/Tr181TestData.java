package io.usp4j.datamodel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.xml.DataModelLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published TR-181 2.16 USP model from the shared test-data folder ({@code ../shared/datamodels} next to
 * the repository, or the folder named by the system property {@code usp4j.shared.dir}), loaded once per JVM.
 * Tests that need it are skipped, with a message saying where it was looked for, when the folder is absent.
 */
public final class Tr181TestData {
    /** The TR-181 document's file name. */
    public static final String TR181 = "tr-181-2-16-0-usp-full.xml";

    private static SupportedDataModel model;

    private Tr181TestData() {}

    /** The shared data-model folder, or null when no candidate can be named. */
    public static Path sharedModels() {
        String prop = System.getProperty("usp4j.shared.dir");
        if (prop != null) {
            return Path.of(prop).resolve("datamodels");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("usp-core"))) {
                return p.resolve("../shared/datamodels").normalize();
            }
        }
        return null;
    }

    /** Skips the calling test unless the TR-181 document is present; returns its folder. */
    public static Path requireSharedModels() {
        Path dir = sharedModels();
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve(TR181)),
                "TR-181 test data not found in " + dir + ": set -Dusp4j.shared.dir or provide ../shared/datamodels"
                        + " next to the repository root");
        return dir;
    }

    /** The TR-181 model, loaded on first use; skips the calling test when the document is absent. */
    public static synchronized SupportedDataModel tr181() {
        Path dir = requireSharedModels();
        if (model == null) {
            try {
                model = DataModelLoader.builder().library(dir.resolve("tr-106-types.xml")).build().load(dir.resolve(TR181));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }
}
