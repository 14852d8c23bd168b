package io.usp4j.agent.notify.subscription;

/** The values of a Subscription's {@code TriggerAction}: what to do when it fires. */
enum TriggerAction {
    NOTIFY(true, false),
    CONFIG(false, true),
    NOTIFY_AND_CONFIG(true, true);

    private final boolean notifies;
    private final boolean configures;

    TriggerAction(boolean notifies, boolean configures) {
        this.notifies = notifies;
        this.configures = configures;
    }

    /** The action a {@code TriggerAction} value names; {@link #NOTIFY} (the default) for anything else. */
    static TriggerAction of(String value) {
        if ("Config".equals(value)) {
            return CONFIG;
        }
        if ("NotifyAndConfig".equals(value)) {
            return NOTIFY_AND_CONFIG;
        }
        return NOTIFY;
    }

    /** True when a Notify goes to the Recipient. */
    boolean notifies() {
        return notifies;
    }

    /** True when {@code TriggerConfigSettings} are applied. */
    boolean configures() {
        return configures;
    }
}
