package io.usp4j.agent.testing;

import io.usp4j.agent.time.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Time that moves only when a test says so: a {@link Clock} and {@link Timers} sharing one "now".
 * {@link #advance} moves now forward and runs, on the agent thread (through the executor given to
 * {@link #runOn}), every timer that falls due, in due order, timers scheduled by those included.
 * Thread-safe.
 */
public final class ManualTime extends Clock implements Timers {
    private final Object lock = new Object();
    private Instant now;
    private final List<Pending> pending = new ArrayList<>();
    private Executor agentThread = Runnable::run;
    private long sequence;

    private final class Pending implements Timer {
        final Instant due;
        final long order;
        final Runnable task;
        boolean cancelled;

        Pending(Instant due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                cancelled = true;
                pending.remove(this);
            }
        }
    }

    /** Time starting at {@code start}. */
    public ManualTime(Instant start) {
        this.now = start;
    }

    /** Sets where due tasks run (the agent thread); until then they run on the advancing thread. */
    public ManualTime runOn(Executor executor) {
        this.agentThread = executor;
        return this;
    }

    @Override
    public Instant instant() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        synchronized (lock) {
            Pending p = new Pending(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
            pending.add(p);
            return p;
        }
    }

    /** How many timers are waiting. */
    public int pendingTimers() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /**
     * Moves time forward, running each timer that falls due at its due time, one at a time, waiting for each
     * to finish on the agent thread before the next.
     */
    public void advance(Duration by) {
        Instant target;
        synchronized (lock) {
            target = now.plus(by);
        }
        while (true) {
            Pending next;
            synchronized (lock) {
                next = pending.stream()
                        .filter(p -> !p.due.isAfter(target))
                        .min(Comparator.<Pending, Instant>comparing(p -> p.due).thenComparingLong(p -> p.order))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                pending.remove(next);
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            runAndWait(next.task);
        }
    }

    private void runAndWait(Runnable task) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        agentThread.execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("timer task failed or hung", e);
        }
    }
}
