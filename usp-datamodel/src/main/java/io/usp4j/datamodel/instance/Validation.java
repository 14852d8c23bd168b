package io.usp4j.datamodel.instance;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.value.InvalidTypeException;
import io.usp4j.datamodel.schema.ParameterDef;

/** The one place the data model checks a written value; delegates to the validation package. */
final class Validation {
    private Validation() {}

    /**
     * Checks a value and returns its canonical form.
     *
     * @throws UspException with 7011 or 7012
     */
    static String check(String path, ParameterDef def, String value) {
        try {
            return def.syntax().isList() ? def.type().canonicalList(value) : def.type().canonical(value);
        } catch (InvalidTypeException e) {
            throw new UspException(ErrorCode.INVALID_TYPE, path + ": " + e.getMessage());
        }
    }
}
