package io.usp4j.datamodel.instance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a staged Set changed on one object.
 *
 * @param objectPath the object's path with instance numbers
 * @param updatedParams every parameter written, by the name the Controller used, with its new canonical
 *     value (even when the value did not change)
 * @param paramErrors the settings that failed without failing the object (not required)
 */
public record SetResult(String objectPath, Map<String, String> updatedParams, List<ParamError> paramErrors) {
    public SetResult {
        Objects.requireNonNull(objectPath, "objectPath");
        updatedParams = Map.copyOf(updatedParams);
        paramErrors = List.copyOf(paramErrors);
    }
}
