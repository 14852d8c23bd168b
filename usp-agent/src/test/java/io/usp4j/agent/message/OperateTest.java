package io.usp4j.agent.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.UspAgent;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.path.PathName;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.Operate;
import io.usp4j.core.proto.msg.OperateResp;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.binding.CommandCall;
import io.usp4j.datamodel.binding.DataModelListener;
import io.usp4j.datamodel.instance.ModelView;
import io.usp4j.datamodel.schema.Arguments;
import io.usp4j.datamodel.schema.CommandDef;
import io.usp4j.datamodel.schema.DefaultValue;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.storage.InMemoryStorage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Operate (TR-369 §Operate, R-OPR.0–R-OPR.5), as TP-469 1.61–1.65, 1.79, 1.91, 1.92 and 1.100 test it, plus
 * the corners they leave out: search paths, failures, Cancel(), deferred synchronous answers, restarts.
 *
 * <p>Commands: {@code Device.Reboot()} (sync; the "reboot" is a hook) and {@code Device.ScheduleTimer()}
 * (async) from the agent's own model, and a vendor table {@code Device.X_TEST_Widget.{i}.} of three firmware
 * rows (eth0, eth1, eth2) with {@code Reset()} (sync), {@code Probe()} (sync, finished later by the test) and
 * {@code SelfTest(Level, Mode)} (async). Asynchronous commands finish when the test completes their futures.
 */
class OperateTest {
    private static final String REQUESTS = "Device.LocalAgent.Request.";

    /** The vendor part of the Supported Data Model. */
    private static SupportedDataModel vendorModel() {
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(ObjectDef.builder("Device.X_TEST_Widget.{i}.")
                        .parameter(ParameterDef.readOnly("Name", ValueType.STRING))
                        .command(CommandDef.sync("Reset()", Arguments.NONE, Arguments.of(
                                ParameterDef.readOnly("Result", ValueType.STRING),
                                ParameterDef.readOnly("Count", ValueType.UNSIGNED_INT))))
                        .command(CommandDef.sync("Probe()", Arguments.NONE, Arguments.of(
                                ParameterDef.readOnly("Latency", ValueType.UNSIGNED_INT))))
                        .command(CommandDef.async("SelfTest()",
                                Arguments.of(
                                        ParameterDef.builder("Level", Syntax.of(ValueType.UNSIGNED_INT)).mandatory(true).build(),
                                        ParameterDef.builder("Mode", Syntax.builder(ValueType.STRING)
                                                .defaultValue(new DefaultValue(DefaultValue.Kind.OBJECT, "quick")).build()).build()),
                                Arguments.of(
                                        ParameterDef.readOnly("Score", ValueType.INT),
                                        ParameterDef.readOnly("Verdict", ValueType.STRING))))
                        .build())
                .build();
    }

    /** The device behind the agent: records every command call and lets the test finish async ones. */
    private static final class Firmware {
        final BlockingQueue<Notify.OperationComplete> completions = new LinkedBlockingQueue<>();
        final List<CommandCall> calls = new CopyOnWriteArrayList<>();
        final BlockingQueue<CompletableFuture<Map<String, ?>>> started = new LinkedBlockingQueue<>();
        final Map<String, RuntimeException> resetFailures = new ConcurrentHashMap<>();
        final List<String> statusChanges = new CopyOnWriteArrayList<>();
        final CompletableFuture<Map<String, ?>> probe = new CompletableFuture<>();
        volatile boolean selfTestThrows;

        Firmware() {
            resetFailures.put("eth1", new IllegalStateException("eth1 is stuck"));
        }

        void configure(UspAgent.Builder b) {
            b.supportedDataModel(vendorModel())
                    .notificationSink(completions::add)
                    .bind("Device.", o -> o
                            .syncCommand("Reboot()", call -> {
                                calls.add(call);
                                return Map.of();
                            })
                            .command("ScheduleTimer()", this::async))
                    .bind("Device.X_TEST_Widget.{i}.", o -> o
                            .rows(parent -> List.of("eth0", "eth1", "eth2"))
                            .getter("Name", i -> i.rowId())
                            .syncCommand("Reset()", call -> {
                                calls.add(call);
                                RuntimeException failure = resetFailures.get(call.instance().rowId());
                                if (failure != null) {
                                    throw failure;
                                }
                                return Map.of("Result", "reset " + call.instance().rowId(), "Count", 1);
                            })
                            .command("Probe()", call -> {
                                calls.add(call);
                                return probe;
                            })
                            .command("SelfTest()", call -> {
                                if (selfTestThrows) {
                                    throw new IllegalStateException("self test hardware missing");
                                }
                                return async(call);
                            }));
        }

        CompletionStage<Map<String, ?>> async(CommandCall call) {
            calls.add(call);
            CompletableFuture<Map<String, ?>> f = new CompletableFuture<>();
            started.add(f);
            return f;
        }

        /** The stage firmware returned for the next async command started. */
        CompletableFuture<Map<String, ?>> nextStarted() throws InterruptedException {
            CompletableFuture<Map<String, ?>> f = started.poll(5, TimeUnit.SECONDS);
            assertThat(f).as("an asynchronous command started").isNotNull();
            return f;
        }

        Notify.OperationComplete nextCompletion() throws InterruptedException {
            Notify.OperationComplete c = completions.poll(5, TimeUnit.SECONDS);
            assertThat(c).as("an OperationComplete within 5 s").isNotNull();
            return c;
        }

        /** Hears value changes of Request Status parameters, as {@code path=value}. */
        void listen(TestController c) {
            c.agent().dataModel().addListener(new DataModelListener() {
                @Override
                public void onValueChange(String path, String value) {
                    if (path.startsWith(REQUESTS) && path.endsWith(".Status")) {
                        statusChanges.add(path + "=" + value);
                    }
                }
            });
        }
    }

    private static TestController start(Firmware fw) {
        return TestController.start(fw::configure);
    }

    private static TestController start(Firmware fw, Consumer<UspAgent.Builder> more) {
        return TestController.start(b -> {
            fw.configure(b);
            more.accept(b);
        });
    }

    private static Request operate(String command, String key, boolean sendResp, Map<String, String> input) {
        return Request.newBuilder().setOperate(Operate.newBuilder()
                .setCommand(command).setCommandKey(key).setSendResp(sendResp).putAllInputArgs(input)).build();
    }

    private static OperateResp operateResp(Msg answer) {
        assertThat(answer.getHeader().getMsgType()).as("answer to an Operate: %s", answer).isEqualTo(Header.MsgType.OPERATE_RESP);
        return answer.getBody().getResponse().getOperateResp();
    }

    private static OperateResp.OperationResult output(String command, Map<String, String> args) {
        return OperateResp.OperationResult.newBuilder().setExecutedCommand(command)
                .setReqOutputArgs(OperateResp.OperationResult.OutputArgs.newBuilder().putAllOutputArgs(args)).build();
    }

    private static OperateResp.OperationResult request(String command, String requestPath) {
        return OperateResp.OperationResult.newBuilder().setExecutedCommand(command).setReqObjPath(requestPath).build();
    }

    private static OperateResp resp(OperateResp.OperationResult... results) {
        return OperateResp.newBuilder().addAllOperationResults(List.of(results)).build();
    }

    /** Sends a request without waiting for an answer. */
    private static void sendOnly(TestController c, String msgId, Request request) {
        c.sendRecord(RecordCodec.noSessionContext(TestController.AGENT_ID, TestController.CONTROLLER_ID,
                Messages.request(msgId, request)));
    }

    private static Msg decode(Record record) {
        return MessageCodec.decode(RecordCodec.payload(record));
    }

    /** The Request row's parameters, as the data model holds them. */
    private static Map<String, String> requestRow(TestController c, String requestPath) {
        return c.onAgent(() -> {
            ModelView v = c.agent().dataModel().view();
            Map<String, String> row = new LinkedHashMap<>();
            for (String p : List.of("Originator", "Command", "CommandKey", "Status")) {
                row.put(p, v.value(requestPath + p));
            }
            return row;
        });
    }

    private static List<String> requestPaths(TestController c) {
        return c.onAgent(() -> c.agent().dataModel().view().resolve(PathName.parse(REQUESTS + "*.")).paths()
                .stream().map(p -> p.path()).toList());
    }

    private static String requestCount(TestController c) {
        return c.onAgent(() -> c.agent().dataModel().view().value("Device.LocalAgent.RequestNumberOfEntries"));
    }

    private static Map<String, String> row(String command, String key, String status) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("Originator", TestController.CONTROLLER_ID);
        row.put("Command", command);
        row.put("CommandKey", key);
        row.put("Status", status);
        return row;
    }

    private static Notify.OperationComplete completed(String objPath, String name, String key, Map<String, String> out) {
        return Notify.OperationComplete.newBuilder().setObjPath(objPath).setCommandName(name).setCommandKey(key)
                .setReqOutputArgs(Notify.OperationComplete.OutputArgs.newBuilder().putAllOutputArgs(out)).build();
    }

    // ------------------------------------------------------------------ TP-469 chapter 1

    @Test
    void tp469_1_61_operateRebootWithSendRespTrue() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.Reboot()", "reboot61", true, Map.of()));

            assertThat(operateResp(answer)).isEqualTo(resp(output("Device.Reboot()", Map.of())));
            assertThat(answer.getBody().getResponse().getOperateResp().getOperationResults(0).hasReqOutputArgs()).isTrue();
            assertThat(fw.calls).singleElement().satisfies(call -> {
                assertThat(call.path()).isEqualTo("Device.Reboot()");
                assertThat(call.commandKey()).isEqualTo("reboot61");
                assertThat(call.input()).isEmpty();
            });
        }
    }

    @Test
    void tp469_1_62_operateRebootWithSendRespFalse() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            sendOnly(c, "reboot62", operate("Device.Reboot()", "reboot62", false, Map.of("Cause", "RemoteReboot")));

            assertThat(TestController.isProbeAnswer(c.probe())).as("no OperateResp before the probe's answer").isTrue();
            assertThat(fw.calls).singleElement().satisfies(call -> {
                assertThat(call.path()).isEqualTo("Device.Reboot()");
                assertThat(call.input()).isEqualTo(Map.of("Cause", "RemoteReboot"));
            });
        }
    }

    @Test
    void tp469_1_64_asynchronousOperationWithSendRespTrue() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.X_TEST_Widget.1.SelfTest()", "test64", true, Map.of("Level", "2")));

            assertThat(operateResp(answer)).isEqualTo(resp(request("Device.X_TEST_Widget.1.SelfTest()", REQUESTS + "1.")));
            assertThat(requestRow(c, REQUESTS + "1.")).isEqualTo(row("Device.X_TEST_Widget.1.SelfTest()", "test64", "Active"));
            assertThat(requestCount(c)).isEqualTo("1");
            assertThat(fw.completions).isEmpty();

            fw.nextStarted().complete(Map.of("Score", 97, "Verdict", "pass"));

            assertThat(fw.nextCompletion()).isEqualTo(completed("Device.X_TEST_Widget.1.", "SelfTest()", "test64",
                    Map.of("Score", "97", "Verdict", "pass")));
            assertThat(requestPaths(c)).as("the Request is removed once done").isEmpty();
            assertThat(requestCount(c)).isEqualTo("0");
        }
    }

    @Test
    void tp469_1_65_asynchronousOperationWithSendRespFalse() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            sendOnly(c, "op65", operate("Device.X_TEST_Widget.2.SelfTest()", "test65", false, Map.of("Level", "1")));

            assertThat(TestController.isProbeAnswer(c.probe())).as("no OperateResp").isTrue();
            assertThat(requestRow(c, REQUESTS + "1.")).as("the Request exists all the same")
                    .isEqualTo(row("Device.X_TEST_Widget.2.SelfTest()", "test65", "Active"));

            fw.nextStarted().complete(Map.of("Score", -3, "Verdict", "fail"));

            assertThat(fw.nextCompletion()).isEqualTo(completed("Device.X_TEST_Widget.2.", "SelfTest()", "test65",
                    Map.of("Score", "-3", "Verdict", "fail")));
            assertThat(requestPaths(c)).isEmpty();
        }
    }

    @Test
    void tp469_1_79_operateWithInputArguments() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.ScheduleTimer()", "timer79", true, Map.of("DelaySeconds", "30")));

            assertThat(operateResp(answer)).isEqualTo(resp(request("Device.ScheduleTimer()", REQUESTS + "1.")));
            assertThat(requestRow(c, REQUESTS + "1.")).isEqualTo(row("Device.ScheduleTimer()", "timer79", "Active"));
            assertThat(fw.calls).singleElement().satisfies(call -> {
                assertThat(call.input()).isEqualTo(Map.of("DelaySeconds", "30"));
                assertThat(call.commandKey()).isEqualTo("timer79");
            });

            fw.nextStarted().complete(Map.of());

            assertThat(fw.nextCompletion()).isEqualTo(completed("Device.", "ScheduleTimer()", "timer79", Map.of()));
            assertThat(requestPaths(c)).isEmpty();
        }
    }

    @Test
    void tp469_1_91_unknownArgumentsAreIgnored() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.ScheduleTimer()", "timer91", true,
                    Map.of("DelaySeconds", "5", "InvalidArgument", "whatever")));

            assertThat(operateResp(answer)).isEqualTo(resp(request("Device.ScheduleTimer()", REQUESTS + "1.")));
            assertThat(fw.calls).singleElement().satisfies(call ->
                    assertThat(call.input()).isEqualTo(Map.of("DelaySeconds", "5")));
        }
    }

    @Test
    void tp469_1_92_omittedArgumentsTakeTheirDefaults() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.X_TEST_Widget.3.SelfTest()", "test92", true, Map.of("Level", "4")));

            assertThat(operateResp(answer)).isEqualTo(resp(request("Device.X_TEST_Widget.3.SelfTest()", REQUESTS + "1.")));
            assertThat(fw.calls).singleElement().satisfies(call ->
                    assertThat(call.input()).isEqualTo(Map.of("Level", "4", "Mode", "quick")));
        }
    }

    @Test
    void tp469_1_100_missingMandatoryInputArgumentIsCmdFailure7027() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.ScheduleTimer()", "timer100", true, Map.of()));

            OperateResp resp = operateResp(answer);
            assertThat(resp.getOperationResultsList()).singleElement().satisfies(r -> {
                assertThat(r.getExecutedCommand()).isEqualTo("Device.ScheduleTimer()");
                assertThat(r.hasCmdFailure()).isTrue();
                assertThat(r.getCmdFailure().getErrCode()).isEqualTo(ErrorCode.INVALID_COMMAND_ARGUMENTS.code());
                assertThat(r.getCmdFailure().getErrMsg()).contains("DelaySeconds");
            });
            assertThat(fw.calls).as("firmware is not called").isEmpty();
            assertThat(requestPaths(c)).as("no Request is created").isEmpty();
            assertThat(TestController.isProbeAnswer(c.probe())).isTrue();
            assertThat(fw.completions).as("no OperationComplete").isEmpty();
        }
    }

    // ------------------------------------------------------------------ search paths (R-OPR.1, R-OPR.2)

    @Test
    void syncCommandOnASearchPathAnswersForEachObjectWithFailuresInCmdFailure() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            OperateResp resp = operateResp(c.send(operate("Device.X_TEST_Widget.*.Reset()", "all", true, Map.of())));

            assertThat(resp.getOperationResultsCount()).isEqualTo(3);
            assertThat(resp.getOperationResults(0)).isEqualTo(
                    output("Device.X_TEST_Widget.1.Reset()", Map.of("Result", "reset eth0", "Count", "1")));
            assertThat(resp.getOperationResults(1).getExecutedCommand()).isEqualTo("Device.X_TEST_Widget.2.Reset()");
            assertThat(resp.getOperationResults(1).getCmdFailure().getErrCode()).isEqualTo(ErrorCode.COMMAND_FAILURE.code());
            assertThat(resp.getOperationResults(1).getCmdFailure().getErrMsg()).contains("eth1 is stuck");
            assertThat(resp.getOperationResults(2)).isEqualTo(
                    output("Device.X_TEST_Widget.3.Reset()", Map.of("Result", "reset eth2", "Count", "1")));
        }
    }

    @Test
    void firmwareErrorCodesAreKeptWhenACommandFailureMayCarryThem() {
        Firmware fw = new Firmware();
        fw.resetFailures.put("eth0", new UspException(ErrorCode.RESOURCES_EXCEEDED, "too busy"));
        fw.resetFailures.put("eth2", new UspException(ErrorCode.INVALID_VALUE, "odd value"));
        try (TestController c = start(fw)) {
            OperateResp resp = operateResp(c.send(operate("Device.X_TEST_Widget.*.Reset()", "codes", true, Map.of())));

            assertThat(resp.getOperationResultsList()).extracting(r -> r.getCmdFailure().getErrCode())
                    .containsExactly(7005, 7022, 7022);
            assertThat(resp.getOperationResults(0).getCmdFailure().getErrMsg()).isEqualTo("too busy");
            assertThat(resp.getOperationResults(2).getCmdFailure().getErrMsg()).isEqualTo("7012 odd value");
        }
    }

    @Test
    void asyncCommandOnASearchPathCreatesOneRequestPerObject() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            OperateResp resp = operateResp(c.send(operate("Device.X_TEST_Widget.[Name!=\"eth1\"].SelfTest()", "fan",
                    true, Map.of("Level", "1"))));

            assertThat(resp).isEqualTo(resp(
                    request("Device.X_TEST_Widget.1.SelfTest()", REQUESTS + "1."),
                    request("Device.X_TEST_Widget.3.SelfTest()", REQUESTS + "2.")));
            assertThat(requestRow(c, REQUESTS + "1.")).isEqualTo(row("Device.X_TEST_Widget.1.SelfTest()", "fan", "Active"));
            assertThat(requestRow(c, REQUESTS + "2.")).isEqualTo(row("Device.X_TEST_Widget.3.SelfTest()", "fan", "Active"));

            CompletableFuture<Map<String, ?>> first = fw.nextStarted();
            CompletableFuture<Map<String, ?>> second = fw.nextStarted();
            second.complete(Map.of("Score", 2));
            assertThat(fw.nextCompletion()).isEqualTo(completed("Device.X_TEST_Widget.3.", "SelfTest()", "fan", Map.of("Score", "2")));
            assertThat(requestPaths(c)).containsExactly(REQUESTS + "1.");
            first.complete(Map.of("Score", 1));
            assertThat(fw.nextCompletion()).isEqualTo(completed("Device.X_TEST_Widget.1.", "SelfTest()", "fan", Map.of("Score", "1")));
            assertThat(requestPaths(c)).isEmpty();
        }
    }

    @Test
    void searchPathMatchingNothingAnswersAnEmptyOperateResp() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.X_TEST_Widget.[Name==\"wlan9\"].Reset()", "none", true, Map.of()));

            assertThat(operateResp(answer)).isEqualTo(OperateResp.getDefaultInstance());
            assertThat(fw.calls).isEmpty();
        }
    }

    // ------------------------------------------------------------------ failures of the message as a whole

    private static void assertError(Msg answer, ErrorCode code) {
        assertThat(answer.getHeader().getMsgType()).as("answer %s", answer).isEqualTo(Header.MsgType.ERROR);
        assertThat(answer.getBody().getError().getErrCode()).isEqualTo(code.code());
        assertThat(answer.getBody().getError().getErrMsg()).isNotEmpty();
    }

    @Test
    void unknownCommandIsError7026() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            assertError(c.send(operate("Device.LocalAgent.NoSuchCommand()", "x", true, Map.of())), ErrorCode.INVALID_PATH);
            assertError(c.send(operate("Device.X_TEST_Widget.*.Name()", "x", true, Map.of())), ErrorCode.INVALID_PATH);
        }
    }

    @Test
    void pathThatIsNotACommandPathIsError7026() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            assertError(c.send(operate("Device.LocalAgent.", "x", true, Map.of())), ErrorCode.INVALID_PATH);
            assertError(c.send(operate("Device.LocalAgent.EndpointID", "x", true, Map.of())), ErrorCode.INVALID_PATH);
        }
    }

    @Test
    void badPathSyntaxIsError7008() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            assertError(c.send(operate("Device..Reboot()", "x", true, Map.of())), ErrorCode.INVALID_PATH_SYNTAX);
        }
    }

    @Test
    void commandOfAMissingObjectIsError7016() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            assertError(c.send(operate("Device.X_TEST_Widget.9.Reset()", "x", true, Map.of())), ErrorCode.OBJECT_DOES_NOT_EXIST);
            assertError(c.send(operate(REQUESTS + "1.Cancel()", "x", true, Map.of())), ErrorCode.OBJECT_DOES_NOT_EXIST);
            assertThat(fw.calls).isEmpty();
        }
    }

    // ------------------------------------------------------------------ asynchronous failures and Cancel()

    @Test
    void asyncFirmwareFailureIsReportedInOperationCompleteWith7022() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            fw.listen(c);
            assertThat(operateResp(c.send(operate("Device.X_TEST_Widget.1.SelfTest()", "broken", true, Map.of("Level", "1")))))
                    .isEqualTo(resp(request("Device.X_TEST_Widget.1.SelfTest()", REQUESTS + "1.")));

            fw.nextStarted().completeExceptionally(new java.io.IOException("probe head unplugged"));

            Notify.OperationComplete done = fw.nextCompletion();
            assertThat(done.getObjPath()).isEqualTo("Device.X_TEST_Widget.1.");
            assertThat(done.getCommandName()).isEqualTo("SelfTest()");
            assertThat(done.getCommandKey()).isEqualTo("broken");
            assertThat(done.hasCmdFailure()).isTrue();
            assertThat(done.getCmdFailure().getErrCode()).isEqualTo(ErrorCode.COMMAND_FAILURE.code());
            assertThat(done.getCmdFailure().getErrMsg()).contains("probe head unplugged");
            assertThat(requestPaths(c)).isEmpty();
            assertThat(fw.statusChanges).containsExactly(REQUESTS + "1.Status=Error");
        }
    }

    @Test
    void asyncCommandFailingAtOnceIsCmdFailureWithoutRequest() {
        Firmware fw = new Firmware();
        fw.selfTestThrows = true;
        try (TestController c = start(fw)) {
            OperateResp resp = operateResp(c.send(operate("Device.X_TEST_Widget.1.SelfTest()", "k", true, Map.of("Level", "1"))));

            assertThat(resp.getOperationResults(0).getExecutedCommand()).isEqualTo("Device.X_TEST_Widget.1.SelfTest()");
            assertThat(resp.getOperationResults(0).getCmdFailure().getErrCode()).isEqualTo(ErrorCode.COMMAND_FAILURE.code());
            assertThat(resp.getOperationResults(0).getCmdFailure().getErrMsg()).contains("self test hardware missing");
            assertThat(requestPaths(c)).isEmpty();
            assertThat(TestController.isProbeAnswer(c.probe())).isTrue();
            assertThat(fw.completions).isEmpty();
        }
    }

    @Test
    void requestCancelEndsTheCommandWith7023() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            fw.listen(c);
            c.send(operate("Device.X_TEST_Widget.2.SelfTest()", "c1", true, Map.of("Level", "3")));
            CompletableFuture<Map<String, ?>> firmware = fw.nextStarted();

            Msg answer = c.send(operate(REQUESTS + "1.Cancel()", "cancel", true, Map.of()));

            assertThat(operateResp(answer)).isEqualTo(resp(output(REQUESTS + "1.Cancel()", Map.of())));
            assertThat(firmware.isCancelled()).as("firmware's stage is canceled").isTrue();
            Notify.OperationComplete done = fw.nextCompletion();
            assertThat(done.getObjPath()).isEqualTo("Device.X_TEST_Widget.2.");
            assertThat(done.getCommandName()).isEqualTo("SelfTest()");
            assertThat(done.getCommandKey()).isEqualTo("c1");
            assertThat(done.getCmdFailure().getErrCode()).isEqualTo(ErrorCode.COMMAND_CANCELED.code());
            assertThat(requestPaths(c)).isEmpty();
            assertThat(fw.statusChanges).containsExactly(REQUESTS + "1.Status=Canceling", REQUESTS + "1.Status=Canceled");

            firmware.complete(Map.of("Score", 1));
            assertThat(TestController.isProbeAnswer(c.probe())).isTrue();
            assertThat(fw.completions).as("nothing more once canceled").isEmpty();
        }
    }

    @Test
    void sameCommandWithTheSameKeyWhileRunningIsDenied7005() throws Exception {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            c.send(operate("Device.ScheduleTimer()", "once", true, Map.of("DelaySeconds", "10")));

            OperateResp again = operateResp(c.send(operate("Device.ScheduleTimer()", "once", true, Map.of("DelaySeconds", "10"))));
            OperateResp other = operateResp(c.send(operate("Device.ScheduleTimer()", "twice", true, Map.of("DelaySeconds", "10"))));

            assertThat(again.getOperationResults(0).getCmdFailure().getErrCode()).isEqualTo(ErrorCode.RESOURCES_EXCEEDED.code());
            assertThat(other).isEqualTo(resp(request("Device.ScheduleTimer()", REQUESTS + "2.")));
            assertThat(fw.calls).hasSize(2);
            assertThat(requestCount(c)).isEqualTo("2");
        }
    }

    // ------------------------------------------------------------------ send_resp, deferred answers, restarts

    @Test
    void sendRespFalseStillAnswersAFailure() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            Msg answer = c.send(operate("Device.ScheduleTimer()", "quiet", false, Map.of()));

            assertThat(operateResp(answer).getOperationResults(0).getCmdFailure().getErrCode())
                    .isEqualTo(ErrorCode.INVALID_COMMAND_ARGUMENTS.code());
        }
    }

    @Test
    void syncCommandFinishedLaterIsAnsweredWhenItFinishesWithoutBlockingTheAgent() {
        Firmware fw = new Firmware();
        try (TestController c = start(fw)) {
            sendOnly(c, "slow", operate("Device.X_TEST_Widget.1.Probe()", "p", true, Map.of()));

            assertThat(TestController.isProbeAnswer(c.probe())).as("the agent goes on meanwhile").isTrue();

            fw.probe.complete(Map.of("Latency", 12));
            Msg answer = decode(c.next());
            assertThat(answer.getHeader().getMsgId()).isEqualTo("slow");
            assertThat(operateResp(answer)).isEqualTo(resp(output("Device.X_TEST_Widget.1.Probe()", Map.of("Latency", "12"))));
        }
    }

    @Test
    void requestsDoNotSurviveARestart() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        Firmware before = new Firmware();
        try (TestController c = start(before, b -> b.storage(storage))) {
            c.send(operate("Device.ScheduleTimer()", "lost", true, Map.of("DelaySeconds", "100")));
            assertThat(requestPaths(c)).containsExactly(REQUESTS + "1.");
        }
        Firmware after = new Firmware();
        try (TestController c = start(after, b -> b.storage(storage))) {
            assertThat(requestPaths(c)).isEmpty();
            assertThat(requestCount(c)).isEqualTo("0");

            OperateResp resp = operateResp(c.send(operate("Device.ScheduleTimer()", "new", true, Map.of("DelaySeconds", "1"))));
            assertThat(resp).as("instance numbers are not given twice").isEqualTo(resp(request("Device.ScheduleTimer()", REQUESTS + "2.")));
        }
        assertThat(before.completions).isEmpty();
    }
}
