package io.usp4j.agent.device;

/**
 * What the embedding firmware does when a Controller asks the device itself to restart: the
 * {@code Device.Reboot()} and {@code Device.FactoryReset()} commands end here. Before calling, the agent has
 * answered the Operate and stored the {@link BootRecord} the next start will report in {@code Boot!}; for a
 * factory reset it has also erased its own stored state. Called on the agent thread.
 */
public interface DeviceHost {

    /** A host that does nothing: the agent runs on, as in tests and simulators. */
    DeviceHost NONE = new DeviceHost() {
        @Override
        public void reboot(BootRecord next) {}

        @Override
        public void factoryReset(BootRecord next) {}
    };

    /**
     * Restarts the device (or at least the agent's process).
     *
     * @param next what the next start will report
     */
    void reboot(BootRecord next);

    /**
     * Returns the device to its factory state and restarts it. The agent's storage is already erased; the
     * host erases the rest of its configuration.
     *
     * @param next what the next start will report
     */
    void factoryReset(BootRecord next);
}
