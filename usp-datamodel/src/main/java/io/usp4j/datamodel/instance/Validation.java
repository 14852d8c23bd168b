package io.usp4j.datamodel.instance;

import io.usp4j.core.error.UspException;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.validation.ValueValidator;

/** The one place the data model checks a written value. */
final class Validation {
    private Validation() {}

    /**
     * Checks a value against the parameter's syntax and returns its canonical form.
     *
     * @param path the full path of the parameter or argument (relative path references resolve from it)
     * @throws UspException with 7011 or 7012
     */
    static String check(String path, ParameterDef def, String value) {
        return ValueValidator.check(path, def.syntax(), value);
    }
}
