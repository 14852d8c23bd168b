package io.usp4j.agent.device;

import io.usp4j.datamodel.binding.CommandCall;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.storage.Storage;
import io.usp4j.datamodel.storage.WriteBatch;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's life across restarts as the agent sees it: the {@link BootRecord} stored by a
 * {@code Reboot()} or {@code FactoryReset()} and read back (once) at the next start, the factory defaults
 * applied to an empty store, and the two commands themselves. State lives in the storage namespace
 * {@value #NAMESPACE}. Used on the agent thread.
 */
public final class DeviceLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceLifecycle.class);

    /** The storage namespace of the agent's own lifecycle state. */
    public static final String NAMESPACE = "usp4j.agent";
    private static final String BOOT = "boot";
    private static final String INITIALISED = "initialised";

    private final Storage storage;
    private final DeviceHost host;

    /** Lifecycle state in {@code storage}; commands end at {@code host}. */
    public DeviceLifecycle(Storage storage, DeviceHost host) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * The boot record a Reboot() or FactoryReset() stored before this start, removed from the store so the
     * start after this one does not report it again; {@code otherwise} when there is none.
     */
    public BootRecord takeBootRecord(BootRecord otherwise) {
        Optional<String> stored = storage.getString(NAMESPACE, BOOT);
        if (stored.isEmpty()) {
            return otherwise;
        }
        storage.commit(new WriteBatch().delete(NAMESPACE, BOOT));
        String[] f = stored.get().split("\n", -1);
        if (f.length != 4) {
            LOG.warn("ignoring an unreadable stored boot record");
            return otherwise;
        }
        return new BootRecord(unescape(f[0]), unescape(f[1]), Boolean.parseBoolean(f[2]), unescape(f[3]));
    }

    /**
     * Applies the factory defaults when the store has never been initialised (first boot, or the first
     * start after a factory reset), and marks it initialised in the same commit as far as the storage allows.
     *
     * @return true when the defaults were applied
     */
    public boolean initialiseIfNew(DataModel model, FactoryDefaults defaults) {
        if (storage.get(NAMESPACE, INITIALISED).isPresent()) {
            return false;
        }
        if (DataModel.hasStoredState(storage)) {
            // A start that died between the defaults' commit and the mark: the defaults are in already.
            storage.commit(new WriteBatch().put(NAMESPACE, INITIALISED, "1"));
            return false;
        }
        Transaction tx = model.begin();
        try {
            defaults.apply(tx);
            tx.commit();
        } finally {
            tx.rollback();
        }
        storage.commit(new WriteBatch().put(NAMESPACE, INITIALISED, "1"));
        LOG.info("applied the factory defaults to an empty store");
        return true;
    }

    /** Handles {@code Device.Reboot()}: stores what the next start reports, then asks the host, after the answer. */
    public Map<String, ?> reboot(CommandCall call, Executor afterAnswer) {
        BootRecord next = new BootRecord(causeOr(call, "RemoteReboot"), call.commandKey(), false,
                call.input().getOrDefault("Reason", ""));
        storage.commit(new WriteBatch().put(NAMESPACE, BOOT, encode(next)));
        LOG.info("reboot requested (cause {}, command key \"{}\")", next.cause(), next.commandKey());
        afterAnswer.execute(() -> host.reboot(next));
        return Map.of();
    }

    /**
     * Handles {@code Device.FactoryReset()}: erases the data model's stored state and the initialised mark,
     * stores what the next start reports, in one commit, then asks the host, after the answer.
     */
    public Map<String, ?> factoryReset(CommandCall call, Executor afterAnswer) {
        BootRecord next = new BootRecord(causeOr(call, "RemoteFactoryReset"), call.commandKey(), false,
                call.input().getOrDefault("Reason", ""));
        WriteBatch b = new WriteBatch();
        DataModel.eraseStored(b);
        b.delete(NAMESPACE, INITIALISED).put(NAMESPACE, BOOT, encode(next));
        storage.commit(b);
        LOG.info("factory reset requested (command key \"{}\")", next.commandKey());
        afterAnswer.execute(() -> host.factoryReset(next));
        return Map.of();
    }

    private static String causeOr(CommandCall call, String fallback) {
        String cause = call.input().get("Cause");
        return cause == null || cause.isEmpty() ? fallback : cause;
    }

    /** One field per line; {@code %} and line feeds inside a field are escaped, so any text round-trips. */
    private static String encode(BootRecord r) {
        return String.join("\n", escape(r.cause()), escape(r.commandKey()), Boolean.toString(r.firmwareUpdated()),
                escape(r.reason()));
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("\n", "%0A");
    }

    private static String unescape(String s) {
        return s.replace("%0A", "\n").replace("%25", "%");
    }
}
