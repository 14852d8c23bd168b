package io.usp4j.datamodel.schema;

import java.util.Optional;

/**
 * The value-change notification hint TR-106 attaches to a parameter ({@code activeNotify} attribute).
 */
public enum ActiveNotify {
    /** Value-change notifications work as usual (the default). */
    NORMAL("normal"),
    /** Changes are always notified. */
    FORCE_ENABLED("forceEnabled"),
    /** Changes are notified unless a Controller turns it off. */
    FORCE_DEFAULT_ENABLED("forceDefaultEnabled"),
    /**
     * The agent may refuse value-change notification for this parameter (typically fast-changing
     * statistics); GetSupportedDM reports {@code VALUE_CHANGE_WILL_IGNORE} for it.
     */
    CAN_DENY("canDeny");

    private final String xmlName;

    ActiveNotify(String xmlName) {
        this.xmlName = xmlName;
    }

    /** The value of the {@code activeNotify} attribute. */
    public String xmlName() {
        return xmlName;
    }

    /** True when the agent may ignore value-change subscriptions to the parameter. */
    public boolean mayIgnoreValueChange() {
        return this == CAN_DENY;
    }

    /**
     * Looks a hint up by its attribute value.
     *
     * @return the hint, or empty when the value is unknown
     */
    public static Optional<ActiveNotify> ofXmlName(String name) {
        for (ActiveNotify a : values()) {
            if (a.xmlName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
