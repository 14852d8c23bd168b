package io.usp4j.datamodel.instance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a staged Add created.
 *
 * @param instancePath the new instance's path ({@code Device.LocalAgent.Subscription.4.})
 * @param uniqueKeys every unique-key parameter of the new instance with its value, by relative name,
 *     including those the library assigned (R-ADD.5)
 * @param paramErrors the settings that failed without failing the object (not required)
 */
public record AddResult(String instancePath, Map<String, String> uniqueKeys, List<ParamError> paramErrors) {
    public AddResult {
        Objects.requireNonNull(instancePath, "instancePath");
        uniqueKeys = Map.copyOf(uniqueKeys);
        paramErrors = List.copyOf(paramErrors);
    }
}
