package io.usp4j.examples.gateway;

/** Entry point of the example gateway (filled in once the core API lands). */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        // replaced before this session's first commit lands
    }
}
