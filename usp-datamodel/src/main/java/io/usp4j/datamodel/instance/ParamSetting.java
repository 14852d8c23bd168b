package io.usp4j.datamodel.instance;

import java.util.Objects;

/**
 * One parameter value a Controller writes in an Add or a Set.
 *
 * @param param the parameter name relative to the object ({@code Enable}, or {@code Stats.Foo} through a
 *     single-instance sub-object)
 * @param value the value in lexical form
 * @param required true when the object must fail if this parameter fails
 */
public record ParamSetting(String param, String value, boolean required) {
    public ParamSetting {
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(value, "value");
    }

    /** A setting that is not required. */
    public static ParamSetting of(String param, String value) {
        return new ParamSetting(param, value, false);
    }

    /** A required setting. */
    public static ParamSetting required(String param, String value) {
        return new ParamSetting(param, value, true);
    }
}
