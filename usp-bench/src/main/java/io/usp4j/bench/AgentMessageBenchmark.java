package io.usp4j.bench;

import io.usp4j.agent.UspAgent;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Get;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.Destination;
import io.usp4j.core.transport.InMemoryTransport;
import io.usp4j.core.transport.InboundRecord;
import io.usp4j.core.transport.RecordReceiver;
import io.usp4j.datamodel.instance.Transaction;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole USP messages through the agent over the in-memory transport, with no network: the agent decodes a
 * prepared Record, runs the request against the data model and encodes the answer; the Controller side only
 * takes the answer's bytes (its own encoding and decoding are not measured). The agent runs on the calling thread (an inline executor), so one
 * operation is the full work of one message on one core. {@code -prof gc} gives the allocation per message.
 *
 * <p>Data: {@code Device.X.Host.{i}.} with 15 rows of 10 parameters, so {@code Device.X.Host.} is a
 * 150-parameter subtree.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class AgentMessageBenchmark {
    private static final String AGENT = "proto::bench-agent";
    private static final String CONTROLLER = "proto::bench-controller";

    private UspAgent agent;
    private InMemoryTransport controllerEnd;
    private byte[] lastAnswer;
    private byte[] getOne;
    private byte[] getSubtree;
    private final byte[][] setOne = new byte[64][];
    private int setCounter;

    /** Runs every task at once on the calling thread: the agent thread becomes the benchmark thread. */
    private static final class InlineExecutor extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        InMemoryTransport.Pair pair = InMemoryTransport.pair("MQTT", AGENT, CONTROLLER);
        agent = UspAgent.builder()
                .endpointId(AGENT)
                .supportedDataModel(HostTable.schema())
                .transport(pair.first())
                .executor(new InlineExecutor())
                .build();
        controllerEnd = pair.second();
        controllerEnd.start(new RecordReceiver() {
            @Override
            public void onRecord(InboundRecord record) {
                lastAnswer = record.bytes();
            }
        });
        agent.start();
        agent.call(() -> {
            Transaction tx = agent.dataModel().begin();
            for (int n = 1; n <= 15; n++) {
                tx.add(HostTable.TABLE, HostTable.settings(n));
            }
            tx.commit();
            return null;
        }).get();
        getOne = record(Request.newBuilder().setGet(Get.newBuilder().addParamPaths("Device.X.Host.3.HostName")).build());
        getSubtree = record(Request.newBuilder().setGet(Get.newBuilder().addParamPaths(HostTable.TABLE)).build());
        for (int k = 0; k < setOne.length; k++) {
            setOne[k] = record(Request.newBuilder().setSet(Set.newBuilder().addUpdateObjs(Set.UpdateObject.newBuilder()
                    .setObjPath("Device.X.Host.5.")
                    .addParamSettings(Set.UpdateParamSetting.newBuilder().setParam("HostName").setValue("h" + k)))).build());
        }
        check(getOne, 1);
        check(getSubtree, 150);
    }

    private static byte[] record(Request request) {
        return RecordCodec.encode(RecordCodec.noSessionContext(AGENT, CONTROLLER, Messages.request("bench", request)));
    }

    private void check(byte[] request, int expectedParams) {
        Msg answer = MessageCodec.decode(RecordCodec.payload(RecordCodec.decode(roundTrip(request))));
        int params = answer.getBody().getResponse().getGetResp().getReqPathResultsList().stream()
                .flatMap(r -> r.getResolvedPathResultsList().stream())
                .mapToInt(r -> r.getResultParamsCount()).sum();
        if (params != expectedParams) {
            throw new IllegalStateException("expected " + expectedParams + " values, got " + answer);
        }
    }

    /** Sends a prepared Record and returns the answer's bytes; the Controller's decoding is not measured. */
    private byte[] roundTrip(byte[] request) {
        lastAnswer = null;
        controllerEnd.send(Destination.of(AGENT), request);
        if (lastAnswer == null) {
            throw new IllegalStateException("no answer");
        }
        return lastAnswer;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        agent.close();
    }

    @Benchmark
    public byte[] get_one_parameter() {
        return roundTrip(getOne);
    }

    @Benchmark
    public byte[] get_150_parameter_subtree() {
        return roundTrip(getSubtree);
    }

    @Benchmark
    public byte[] set_one_parameter() {
        return roundTrip(setOne[setCounter++ & (setOne.length - 1)]);
    }
}
