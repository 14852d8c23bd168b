package io.usp4j.bench;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.datamodel.instance.Transaction;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Value-change latency: from firmware pushing a new value ({@code DataModel.update}, handed to the agent
 * thread) to the ValueChange Notify arriving at the subscribed Controller over the in-memory transport. The
 * agent runs on its own thread, as in a device; the Controller side records the arrival time as soon as
 * the Record is delivered. Prints a table of percentiles.
 *
 * <p>Run: {@code java -cp usp-bench/target/benchmarks.jar io.usp4j.bench.ValueChangeLatency [pushes]}
 */
public final class ValueChangeLatency {
    private static final String AGENT = "proto::latency-agent";
    private static final String CONTROLLER = "proto::latency-controller";

    private ValueChangeLatency() {}

    public static void main(String[] args) throws Exception {
        int pushes = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        InMemoryTransport.Pair pair = InMemoryTransport.pair("MQTT", AGENT, CONTROLLER);
        UspAgent agent = UspAgent.builder().endpointId(AGENT).supportedDataModel(HostTable.schema())
                .transport(pair.first()).build();
        BlockingQueue<long[]> arrivals = new LinkedBlockingQueue<>();
        BlockingQueue<Msg> answers = new LinkedBlockingQueue<>();
        pair.second().start(new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                long now = System.nanoTime();
                Msg msg = MessageCodec.decode(RecordCodec.payload(RecordCodec.decode(record.bytes())));
                if (msg.getBody().hasRequest() && msg.getBody().getRequest().hasNotify()) {
                    Notify n = msg.getBody().getRequest().getNotify();
                    if (n.hasValueChange()) {
                        arrivals.add(new long[] {now, Long.parseLong(n.getValueChange().getParamValue())});
                    }
                } else {
                    answers.add(msg);
                }
            }
        });
        agent.start();
        agent.call(() -> {
            Transaction tx = agent.dataModel().begin();
            tx.create("Device.LocalAgent.Controller.", Map.of("EndpointID", CONTROLLER, "Enable", "true"));
            tx.add(HostTable.TABLE, HostTable.settings(1));
            tx.commit();
            return null;
        }).get();
        pair.second().send(Destination.of(AGENT), RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER,
                Messages.request("sub", Request.newBuilder().setAdd(Add.newBuilder().setAllowPartial(false)
                        .addCreateObjs(Add.CreateObject.newBuilder().setObjPath("Device.LocalAgent.Subscription.")
                                .addParamSettings(setting("Enable", "true"))
                                .addParamSettings(setting("ID", "latency"))
                                .addParamSettings(setting("NotifType", "ValueChange"))
                                .addParamSettings(setting("ReferenceList", "Device.X.Host.1.Port"))))
                        .build()))));
        Msg added = answers.poll(5, TimeUnit.SECONDS);
        if (added == null || !added.getBody().hasResponse()) {
            throw new IllegalStateException("subscription not created: " + added);
        }
        long[] latency = new long[pushes];
        int warmup = Math.min(5_000, pushes / 4);
        for (int i = -warmup; i < pushes; i++) {
            long value = 10_000 + (i + warmup);
            long pushed = System.nanoTime();
            agent.execute(() -> agent.dataModel().update("Device.X.Host.1.Port", value));
            long[] arrival = arrivals.poll(5, TimeUnit.SECONDS);
            if (arrival == null || arrival[1] != value) {
                throw new IllegalStateException("no notification for " + value);
            }
            if (i >= 0) {
                latency[i] = arrival[0] - pushed;
            }
        }
        agent.close();
        Arrays.sort(latency);
        System.out.printf(Locale.ROOT, "value change, firmware push to Notify at the Controller, %,d pushes (after %,d warm-up)%n%n",
                pushes, warmup);
        System.out.println("| percentile | latency |");
        System.out.println("|---|---|");
        for (double p : new double[] {50, 90, 99, 99.9, 100}) {
            int idx = Math.min(pushes - 1, (int) Math.ceil(p / 100 * pushes) - 1);
            System.out.printf(Locale.ROOT, "| p%s | %.1f µs |%n", p == 100 ? "100 (max)" : (p % 1 == 0 ? String.valueOf((int) p) : String.valueOf(p)),
                    latency[Math.max(0, idx)] / 1000.0);
        }
        System.out.printf(Locale.ROOT, "%ntarget: under 10 ms; p99.9 is %s%n",
                latency[Math.min(pushes - 1, (int) Math.ceil(0.999 * pushes) - 1)] < 10_000_000 ? "met" : "NOT met");
    }

    private static Add.CreateParamSetting setting(String name, String value) {
        return Add.CreateParamSetting.newBuilder().setParam(name).setValue(value).setRequired(true).build();
    }
}
