package io.usp4j.agent.testing;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Controller for tests: an agent under test joined to this controller by an in-memory transport, real
 * protobuf Records both ways. {@link #send} waits (up to a few seconds) for the answer to a request.
 * {@link #probe()} sends a GetSupportedProtocol and returns what arrives first, which proves that nothing
 * was sent in answer to anything before it (the agent processes messages in order).
 */
public final class TestController implements AutoCloseable {
    /** The agent's Endpoint ID. */
    public static final String AGENT_ID = "proto::agent-under-test";
    /** This controller's Endpoint ID. */
    public static final String CONTROLLER_ID = "proto::test-controller";

    private final UspAgent agent;
    private final InMemoryTransport end;
    private final BlockingQueue<Record> received = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();

    private TestController(UspAgent agent, InMemoryTransport end) {
        this.agent = agent;
        this.end = end;
    }

    /**
     * Builds and starts an agent joined to a new test controller.
     *
     * @param configure adds the data model, bindings and other settings to the agent's builder (the Endpoint
     *     ID and the transport are set already)
     */
    public static TestController start(Consumer<UspAgent.Builder> configure) {
        InMemoryTransport.Pair pair = InMemoryTransport.pair("MQTT", AGENT_ID, CONTROLLER_ID);
        UspAgent.Builder b = UspAgent.builder().endpointId(AGENT_ID).transport(pair.first());
        configure.accept(b);
        UspAgent agent = b.build();
        TestController c = new TestController(agent, pair.second());
        pair.second().start(new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                c.received.add(RecordCodec.decode(record.bytes()));
            }
        });
        agent.start();
        return c;
    }

    /** Starts an agent with only its own data model. */
    public static TestController start() {
        return start(b -> { });
    }

    /** The agent under test. */
    public UspAgent agent() {
        return agent;
    }

    /** The controller's end of the link (to cut and restore it). */
    public InMemoryTransport transport() {
        return end;
    }

    /** A fresh msg_id. */
    public String nextMsgId() {
        return "test-" + ids.incrementAndGet();
    }

    /** Sends a request and returns the agent's answer (a Response or an Error message). */
    public Msg send(Request request) {
        String id = nextMsgId();
        sendRecord(RecordCodec.noSessionContext(AGENT_ID, CONTROLLER_ID, Messages.request(id, request)));
        Msg answer = MessageCodec.decode(RecordCodec.payload(next()));
        if (!answer.getHeader().getMsgId().equals(id)) {
            throw new AssertionError("expected the answer to " + id + ", got " + answer);
        }
        return answer;
    }

    /** Sends a Record. */
    public void sendRecord(Record record) {
        sendBytes(RecordCodec.encode(record));
    }

    /** Sends raw bytes as a Record. */
    public void sendBytes(byte[] bytes) {
        end.send(io.usp4j.core.transport.Destination.of(AGENT_ID), bytes).toCompletableFuture().join();
    }

    /**
     * The next Record the agent sent.
     *
     * @throws AssertionError when none arrives within five seconds
     */
    public Record next() {
        try {
            Record r = received.poll(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("the agent sent nothing within 5 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The next Record the agent sent if one has arrived already, else null; does not wait. With
     * {@link ManualTime} (whose timers have run when {@code advance} returns) and the synchronous in-memory
     * link, null proves that nothing was sent.
     */
    public Record poll() {
        return received.poll();
    }

    /**
     * Sends a GetSupportedProtocol and returns the first Record that comes back: when it is the probe's
     * answer, the agent sent nothing else before it.
     */
    public Record probe() {
        sendRecord(RecordCodec.noSessionContext(AGENT_ID, CONTROLLER_ID, Messages.request("probe-" + ids.incrementAndGet(),
                Request.newBuilder().setGetSupportedProtocol(
                        io.usp4j.core.proto.msg.GetSupportedProtocol.newBuilder().setControllerSupportedProtocolVersions("1.4")).build())));
        return next();
    }

    /** True when the Record is the answer to a probe. */
    public static boolean isProbeAnswer(Record record) {
        return record.hasNoSessionContext() && MessageCodec.decode(RecordCodec.payload(record)).getHeader().getMsgId().startsWith("probe-");
    }

    /** Runs a task on the agent thread and returns its result. */
    public <T> T onAgent(Callable<T> task) {
        try {
            return agent.call(task).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("task failed on the agent thread", e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("task did not finish on the agent thread", e);
        }
    }

    @Override
    public void close() {
        agent.close();
        end.close();
    }
}
