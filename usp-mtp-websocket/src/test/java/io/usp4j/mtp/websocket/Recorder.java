package io.usp4j.mtp.websocket;

import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A {@link RecordReceiver} that queues what it hears, for tests. Thread-safe. */
final class Recorder implements RecordReceiver {
    /** One connection change. */
    record Change(Destination destination, boolean up) {}

    final BlockingQueue<InboundRecord> records = new LinkedBlockingQueue<>();
    final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();

    @Override
    public void onRecord(InboundRecord record) {
        records.add(record);
    }

    @Override
    public void onConnectionChange(Destination destination, boolean up) {
        changes.add(new Change(destination, up));
    }

    InboundRecord record() throws InterruptedException {
        return records.poll(10, TimeUnit.SECONDS);
    }

    Change change() throws InterruptedException {
        return changes.poll(10, TimeUnit.SECONDS);
    }

    /** Polls a condition every 10 ms for up to 10 s. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
