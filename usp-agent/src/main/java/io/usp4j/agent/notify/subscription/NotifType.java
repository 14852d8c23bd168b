package io.usp4j.agent.notify.subscription;

/** The values of a Subscription's {@code NotifType}. */
enum NotifType {
    VALUE_CHANGE("ValueChange"),
    OBJECT_CREATION("ObjectCreation"),
    OBJECT_DELETION("ObjectDeletion"),
    OPERATION_COMPLETE("OperationComplete"),
    EVENT("Event");

    private final String text;

    NotifType(String text) {
        this.text = text;
    }

    /** The type a {@code NotifType} value names, or null for none (empty, or unknown). */
    static NotifType of(String value) {
        for (NotifType t : values()) {
            if (t.text.equals(value)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
