package io.usp4j.agent.notify.delivery;

import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How the agent delivers notifications: how many it holds per Controller, where the randomness of the retry
 * waits comes from, and who the device says it is in an OnBoardRequest when its data model has no
 * {@code Device.DeviceInfo.} values to tell. Immutable as a value; the random generator itself is stateful and
 * is only used on the agent thread.
 *
 * @param queueLimit the most notifications held for one Controller, waiting to be sent or for their
 *     NotifyResp; when a new one would exceed it, the oldest is dropped (logged at WARN and counted)
 * @param random the source of the retry waits; pass a seeded one for reproducible tests
 * @param deviceIdentity the OUI, product class and serial number to fall back on (empty fields: not known)
 */
public record DeliverySettings(int queueLimit, RandomGenerator random, DeviceIdentity deviceIdentity) {
    /** Notifications held per Controller unless configured otherwise. */
    public static final int DEFAULT_QUEUE_LIMIT = 1000;

    /**
     * @throws IllegalArgumentException when {@code queueLimit} is less than 1
     * @throws NullPointerException when {@code random} or {@code deviceIdentity} is null
     */
    public DeliverySettings {
        if (queueLimit < 1) {
            throw new IllegalArgumentException("the queue limit is at least 1, not " + queueLimit);
        }
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(deviceIdentity, "deviceIdentity");
    }

    /** 1000 notifications per Controller, an unseeded {@link Random}, no configured identity. */
    public static DeliverySettings defaults() {
        return new DeliverySettings(DEFAULT_QUEUE_LIMIT, new Random(), DeviceIdentity.UNKNOWN);
    }

    /**
     * These settings with another queue limit.
     *
     * @throws IllegalArgumentException when {@code limit} is less than 1
     */
    public DeliverySettings withQueueLimit(int limit) {
        return new DeliverySettings(limit, random, deviceIdentity);
    }

    /** These settings with another random source. */
    public DeliverySettings withRandom(RandomGenerator generator) {
        return new DeliverySettings(queueLimit, generator, deviceIdentity);
    }

    /** These settings with another fallback identity. */
    public DeliverySettings withDeviceIdentity(DeviceIdentity identity) {
        return new DeliverySettings(queueLimit, random, identity);
    }
}
