package io.usp4j.agent.message;

import io.usp4j.core.path.resolve.InstantiatedObject;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;

/**
 * How the read messages (Get, GetInstances) report a parameter's value.
 *
 * <ul>
 *   <li>A {@code secured} or {@code hidden} parameter reads as the empty string, without asking firmware:
 *       TR-369 returns secured values only to a Controller holding one of
 *       {@code Device.LocalAgent.ControllerTrust.SecuredRoles}, and access control is not implemented yet,
 *       so no Controller holds one. (Hook: when roles arrive, pass the Controller's secured-role verdict
 *       here.)</li>
 *   <li>A write-only parameter ({@code PARAM_WRITE_ONLY}) reads as the empty string: it has no readable
 *       value.</li>
 *   <li>Otherwise the view's value; null when the parameter currently has none (it is then left out).</li>
 * </ul>
 * A firmware read failure propagates as the view's {@link io.usp4j.core.error.UspException} (7003).
 *
 * <p>Stateless; call on the agent thread.
 */
final class GetValues {
    private GetValues() {}

    /** True when reads of the parameter return "" whatever its value. */
    static boolean masked(ParameterDef def) {
        return def.syntax().secured() || def.syntax().hidden() || def.access() == ParameterAccess.WRITE_ONLY;
    }

    /**
     * The value to report for a parameter of an object.
     *
     * @return the value, "" for a masked parameter, or null when the parameter has no value now
     * @throws io.usp4j.core.error.UspException (7003) when firmware cannot be read
     */
    static String read(InstantiatedObject object, ParameterDef def) {
        return masked(def) ? "" : object.value(def.name());
    }
}
