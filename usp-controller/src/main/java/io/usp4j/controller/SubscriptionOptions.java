package io.usp4j.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code Device.LocalAgent.Subscription.{i}.} row that {@link RemoteAgent#subscribe} adds holds:
 * {@code NotifType}, {@code ReferenceList}, {@code ID}, {@code NotifRetry}, {@code Persistent},
 * {@code TimeToLive} and {@code NotifExpiration}; {@code Enable} is always true. Immutable; build with
 * {@link #builder(NotifType)}.
 */
public final class SubscriptionOptions {
    private final NotifType type;
    private final List<String> referenceList;
    private final String id;
    private final boolean notifRetry;
    private final boolean persistent;
    private final Duration timeToLive;
    private final Duration notifExpiration;

    private SubscriptionOptions(Builder b) {
        this.type = b.type;
        this.referenceList = List.copyOf(b.referenceList);
        this.id = b.id;
        this.notifRetry = b.notifRetry;
        this.persistent = b.persistent;
        this.timeToLive = b.timeToLive;
        this.notifExpiration = b.notifExpiration;
    }

    /**
     * Starts building options.
     *
     * @param type the {@code NotifType}
     */
    public static Builder builder(NotifType type) {
        return new Builder(type);
    }

    /** The {@code NotifType}. */
    public NotifType type() {
        return type;
    }

    /** The {@code ReferenceList}: paths, search paths, command or event paths, as the type allows. */
    public List<String> referenceList() {
        return referenceList;
    }

    /** The {@code ID} to give the row; empty to let the controller choose one. */
    public String id() {
        return id;
    }

    /** {@code NotifRetry}: the Agent retries until answered (default true; the controller always answers). */
    public boolean notifRetry() {
        return notifRetry;
    }

    /** {@code Persistent}: the row survives an Agent restart (default false). */
    public boolean persistent() {
        return persistent;
    }

    /** {@code TimeToLive}; zero (the default) for no limit. */
    public Duration timeToLive() {
        return timeToLive;
    }

    /** {@code NotifExpiration}; zero (the default) for no limit. */
    public Duration notifExpiration() {
        return notifExpiration;
    }

    /** Collects {@link SubscriptionOptions}. Not thread-safe. */
    public static final class Builder {
        private final NotifType type;
        private final List<String> referenceList = new ArrayList<>();
        private String id = "";
        private boolean notifRetry = true;
        private boolean persistent;
        private Duration timeToLive = Duration.ZERO;
        private Duration notifExpiration = Duration.ZERO;

        private Builder(NotifType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Adds paths to the {@code ReferenceList}.
         *
         * @throws IllegalArgumentException when a path is empty or holds a comma (the list's separator)
         */
        public Builder reference(String... paths) {
            for (String p : paths) {
                if (p.isEmpty() || p.indexOf(',') >= 0) {
                    throw new IllegalArgumentException("not a reference path: '" + p + "'");
                }
                referenceList.add(p);
            }
            return this;
        }

        /** Adds paths to the {@code ReferenceList}, as {@link #reference(String...)}. */
        public Builder references(List<String> paths) {
            return reference(paths.toArray(String[]::new));
        }

        /** The row's {@code ID} (default: one the controller makes up, unique to it). */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /** {@code NotifRetry} (default true). */
        public Builder notifRetry(boolean retry) {
            this.notifRetry = retry;
            return this;
        }

        /** {@code Persistent} (default false). */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /**
         * {@code TimeToLive}, whole seconds (default zero: no limit).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder timeToLive(Duration ttl) {
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("negative TimeToLive: " + ttl);
            }
            this.timeToLive = ttl;
            return this;
        }

        /**
         * {@code NotifExpiration}, whole seconds (default zero: no limit).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder notifExpiration(Duration expiration) {
            if (expiration.isNegative()) {
                throw new IllegalArgumentException("negative NotifExpiration: " + expiration);
            }
            this.notifExpiration = expiration;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalStateException when the reference list is empty
         */
        public SubscriptionOptions build() {
            if (referenceList.isEmpty()) {
                throw new IllegalStateException("a subscription needs at least one reference path");
            }
            return new SubscriptionOptions(this);
        }
    }
}
