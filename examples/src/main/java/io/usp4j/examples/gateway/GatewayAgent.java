package io.usp4j.examples.gateway;

import io.usp4j.agent.device.DefaultsFile;
import io.usp4j.agent.device.DefaultsFileException;
import io.usp4j.core.transport.TransportException;
import io.usp4j.datamodel.storage.FileStorage;
import io.usp4j.datamodel.storage.StorageException;
import io.usp4j.datamodel.storage.StorageLockedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated gateway ({@link Gateway}) as a program: {@code --help} lists the options. It keeps its
 * state in a data directory, so stopping it (Ctrl-C) and starting it again finds the same rows and
 * subscriptions. On a bad command line or configuration it prints one line saying why on stderr and exits
 * with code {@value #BAD_CONFIGURATION}.
 */
public final class GatewayAgent {
    /** The exit code for a bad command line or configuration. */
    public static final int BAD_CONFIGURATION = 2;
    /** The exit code when the gateway fails to start for another reason. */
    public static final int FAILED = 1;

    private GatewayAgent() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Starts the gateway the arguments describe, prints how to reach it, and runs until the JVM shuts down
     * (Ctrl-C). Returns at once, with the exit code, when the arguments or the configuration are bad.
     *
     * @return 0 after a clean stop or for {@code --help}, {@value #BAD_CONFIGURATION} for a bad configuration,
     *     {@value #FAILED} when the gateway could not start otherwise
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        GatewayOptions options;
        Transports transports;
        Running running;
        try {
            options = GatewayOptions.parse(args);
            if (options.help()) {
                out.print(GatewayOptions.USAGE);
                return 0;
            }
            transports = new Transports(options);
            running = start(options, transports);
        } catch (BadConfigurationException e) {
            err.println("gateway: " + e.getMessage());
            return BAD_CONFIGURATION;
        } catch (RuntimeException e) {
            err.println("gateway: could not start: " + e);
            return FAILED;
        }
        out.println(options.cliHint(transports.webSocketPort()));

        // Ctrl-C (SIGINT) or SIGTERM: stop the agent, then close the storage so the next start finds it tidy.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "gateway-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.close();
        }
        return 0;
    }

    /** A started gateway and the storage it runs on, closed together. */
    record Running(Gateway gateway, FileStorage storage) implements AutoCloseable {
        @Override
        public void close() {
            gateway.close();
            storage.close();
        }
    }

    /**
     * Opens the data directory and starts the gateway.
     *
     * @throws BadConfigurationException when the defaults file, the data directory or a transport is unusable
     */
    static Running start(GatewayOptions o, Transports transports) {
        // Read the defaults first: a bad file should not leave a new data directory behind.
        DefaultsFile defaults = o.defaults() == null ? null : readDefaults(o);
        FileStorage storage = openStorage(o);
        try {
            Gateway.Builder gateway = Gateway.builder(storage)
                    .endpointId(o.endpointId())
                    .controller(o.controller())
                    .transports(transports::create);
            if (defaults != null) {
                gateway.factoryDefaults(defaults.factoryDefaults());
            }
            Gateway g = gateway.build();
            try {
                g.start();
            } catch (DefaultsFileException e) {
                g.close();
                // Applying failed (a path the data model does not have, a bad value): the line says where.
                throw new BadConfigurationException(e.getMessage(), e);
            } catch (TransportException e) {
                g.close();
                // A transport the options name cannot run, such as a WebSocket port already in use.
                throw new BadConfigurationException(e.getMessage(), e);
            } catch (RuntimeException e) {
                g.close();
                throw e;
            }
            return new Running(g, storage);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static FileStorage openStorage(GatewayOptions o) {
        try {
            return FileStorage.open(o.dataDir());
        } catch (StorageLockedException e) {
            throw new BadConfigurationException("data directory " + o.dataDir() + " is in use (is another gateway running?)", e);
        } catch (StorageException e) {
            throw new BadConfigurationException("cannot use data directory " + o.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private static DefaultsFile readDefaults(GatewayOptions o) {
        try {
            return DefaultsFile.parse(o.defaults());
        } catch (NoSuchFileException e) {
            throw new BadConfigurationException("defaults file " + o.defaults() + " does not exist", e);
        } catch (IOException e) {
            throw new BadConfigurationException("cannot read defaults file " + o.defaults() + ": " + e.getMessage(), e);
        } catch (DefaultsFileException e) {
            throw new BadConfigurationException(e.getMessage(), e);
        }
    }
}
