package io.usp4j.agent;

/**
 * What the agent does with requests from a Controller that has no entry in
 * {@code Device.LocalAgent.Controller.{i}.}. Controllers with an entry are served while it is enabled.
 */
public enum UnknownControllers {
    /**
     * Serve them (the default). With certificate-based trust this is where a Controller vouched for by a
     * trusted CA, or accepted on first use, gets its role.
     */
    SERVE,
    /** Ignore their Records, as for a disabled Controller: only provisioned Controllers are served. */
    IGNORE
}
