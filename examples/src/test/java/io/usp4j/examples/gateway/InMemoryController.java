package io.usp4j.examples.gateway;

import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.Body;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.MessageTransport;
import io.usp4j.core.transport.RecordReceiver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A Controller for the gateway tests, joined to the gateway's agent by an in-memory transport: real protobuf
 * Records both ways. It is also the gateway's transport factory, so each start of the agent (after a reboot)
 * gets a new link and the controller follows it.
 */
final class InMemoryController implements Supplier<List<MessageTransport>> {
    static final String AGENT = "os::00D09E-GW0001";
    static final String ID = "proto::test-controller";

    private final Map<String, BlockingQueue<Msg>> answers = new ConcurrentHashMap<>();
    private final BlockingQueue<Notify> notifications = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile InMemoryTransport end;

    @Override
    public List<MessageTransport> get() {
        InMemoryTransport.Pair pair = InMemoryTransport.pair("MQTT", AGENT, ID);
        pair.second().start(new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                Msg msg = MessageCodec.decode(RecordCodec.payload(RecordCodec.decode(record.bytes())));
                if (msg.getBody().getMsgBodyCase() == Body.MsgBodyCase.REQUEST && msg.getBody().getRequest().hasNotify()) {
                    notifications.add(msg.getBody().getRequest().getNotify());
                } else {
                    answers.computeIfAbsent(msg.getHeader().getMsgId(), k -> new LinkedBlockingQueue<>()).add(msg);
                }
            }
        });
        end = pair.second();
        return List.of(pair.first());
    }

    /** Sends a request and waits for its answer. */
    Msg send(Request request) throws InterruptedException {
        String id = "test-" + ids.incrementAndGet();
        BlockingQueue<Msg> answer = answers.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
        end.send(Destination.of(AGENT), RecordCodec.encode(RecordCodec.noSessionContext(AGENT, ID, Messages.request(id, request))))
                .toCompletableFuture().join();
        Msg msg = answer.poll(10, TimeUnit.SECONDS);
        if (msg == null) {
            throw new AssertionError("no answer to " + request.getReqTypeCase());
        }
        return msg;
    }

    /** Waits for the first notification that matches, passing over the others. */
    Notify awaitNotify(Predicate<Notify> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            Notify n = notifications.poll(left, TimeUnit.NANOSECONDS);
            if (n != null && wanted.test(n)) {
                return n;
            }
        }
        throw new AssertionError("no matching notification");
    }

    /** Subscribes this controller: an Add of a Subscription row. */
    Msg subscribe(String id, String notifType, String referenceList) throws InterruptedException {
        Add.CreateObject.Builder row = Add.CreateObject.newBuilder().setObjPath("Device.LocalAgent.Subscription.");
        for (String[] p : new String[][] {{"ID", id}, {"Enable", "true"}, {"NotifType", notifType},
                {"ReferenceList", referenceList}, {"Persistent", "true"}}) {
            row.addParamSettings(Add.CreateParamSetting.newBuilder().setParam(p[0]).setValue(p[1]).setRequired(true));
        }
        return send(Request.newBuilder().setAdd(Add.newBuilder().setAllowPartial(false).addCreateObjs(row)).build());
    }
}
