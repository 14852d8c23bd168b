package io.usp4j.agent.time;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Timers} on real time: one daemon thread ({@code usp4j-timers}) waits, then hands each task to the
 * agent thread. Thread-safe.
 */
public final class ScheduledTimers implements Timers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTimers.class);

    private final ScheduledExecutorService waiter;
    private final Executor agentThread;

    /** Timers whose tasks run on {@code agentThread}. */
    public ScheduledTimers(Executor agentThread) {
        this.agentThread = agentThread;
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "usp4j-timers");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        this.waiter = s;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = waiter.schedule(() -> {
            try {
                agentThread.execute(task);
            } catch (RejectedExecutionException e) {
                LOG.debug("agent stopped; a timer task is dropped");
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Stops waiting; tasks not yet due never run. */
    @Override
    public void close() {
        waiter.shutdownNow();
    }
}
