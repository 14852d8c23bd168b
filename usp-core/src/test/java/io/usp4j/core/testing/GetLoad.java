package io.usp4j.core.testing;

import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Controller side of the MTP benches: keeps a number of Gets in flight through some transport and counts the
 * answers. A subclass sends; whatever receives hands each Record to {@link #received}, which sends the next Get
 * while a run lasts. Thread-safe: {@link #received} may run on any transport thread.
 */
public abstract class GetLoad {
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, Boolean> outstanding = new ConcurrentHashMap<>();
    private volatile String path;
    private volatile boolean running;

    /**
     * Sends one Get.
     *
     * @param msgId the Message ID the answer will carry
     * @param path the path to get
     * @throws Exception whatever the transport throws
     */
    protected abstract void send(String msgId, String path) throws Exception;

    /**
     * A Record arrived: an answer to an outstanding Get is counted (and is then handed to {@link #answer}), and
     * the next Get goes out. Other Records are ignored.
     *
     * @throws Exception whatever {@link #send} throws
     */
    public final void received(byte[] record) throws Exception {
        Record r = RecordCodec.decode(record);
        if (!r.hasNoSessionContext()) {
            return;
        }
        Msg msg = MessageCodec.decode(RecordCodec.payload(r));
        if (outstanding.remove(msg.getHeader().getMsgId()) != null) {
            answer(msg);
            answered.incrementAndGet();
            if (running) {
                sendOne();
            }
        }
    }

    /** Sees each counted answer (nothing by default). */
    protected void answer(Msg msg) {}

    private void sendOne() throws Exception {
        String id = "b-" + ids.incrementAndGet();
        outstanding.put(id, Boolean.TRUE);
        send(id, path);
    }

    /**
     * Keeps {@code inFlight} Gets of {@code path} going for {@code length}, then waits (5 s at most) for the
     * last answers.
     *
     * @return answers per second
     * @throws Exception whatever {@link #send} throws, or an interrupt
     */
    public double run(String path, int inFlight, Duration length) throws Exception {
        this.path = path;
        running = true;
        long start = System.nanoTime();
        long before = answered.get();
        for (int i = 0; i < inFlight; i++) {
            sendOne();
        }
        Thread.sleep(length.toMillis());
        long count = answered.get() - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        running = false;
        long end = System.currentTimeMillis() + 5000;
        while (!outstanding.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        return count / seconds;
    }
}
