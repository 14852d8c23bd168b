package io.usp4j.agent.message;

import static io.usp4j.agent.message.WriteTestSupport.CTRLS;
import static io.usp4j.agent.message.WriteTestSupport.SUBS;
import static io.usp4j.agent.message.WriteTestSupport.controllerEntry;
import static io.usp4j.agent.message.WriteTestSupport.error;
import static io.usp4j.agent.message.WriteTestSupport.errorOf;
import static io.usp4j.agent.message.WriteTestSupport.perr;
import static io.usp4j.agent.message.WriteTestSupport.response;
import static io.usp4j.agent.message.WriteTestSupport.subscription;
import static io.usp4j.agent.message.WriteTestSupport.value;
import static io.usp4j.agent.message.WriteTestSupport.withoutErrMsgs;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Set;
import io.usp4j.core.proto.msg.SetResp;
import io.usp4j.core.proto.msg.SetResp.UpdatedObjectResult;
import io.usp4j.core.proto.msg.SetResp.UpdatedObjectResult.OperationStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Set (TR-369 "The Set Message"; TP-469 1.11–1.23, 1.96, 1.104) against the agent's own
 * {@code Device.LocalAgent.Subscription.{i}.} and {@code Controller.{i}.} tables.
 */
class SetTest {
    private final TestController controller = TestController.start();

    @AfterEach
    void stop() {
        controller.close();
    }

    // ------------------------------------------------------------------ request and result builders

    static Set.UpdateParamSetting p(String name, String value, boolean required) {
        return Set.UpdateParamSetting.newBuilder().setParam(name).setValue(value).setRequired(required).build();
    }

    static Set.UpdateObject obj(String path, Set.UpdateParamSetting... settings) {
        return Set.UpdateObject.newBuilder().setObjPath(path).addAllParamSettings(List.of(settings)).build();
    }

    static Request set(boolean allowPartial, Set.UpdateObject... objects) {
        return Request.newBuilder()
                .setSet(Set.newBuilder().setAllowPartial(allowPartial).addAllUpdateObjs(List.of(objects)))
                .build();
    }

    static SetResp.ParameterError paramErr(String param, ErrorCode code) {
        return SetResp.ParameterError.newBuilder().setParam(param).setErrCode(code.code()).build();
    }

    static SetResp.UpdatedInstanceResult updated(String path, Map<String, String> params,
            SetResp.ParameterError... errs) {
        return SetResp.UpdatedInstanceResult.newBuilder()
                .setAffectedPath(path).putAllUpdatedParams(params).addAllParamErrs(List.of(errs)).build();
    }

    static SetResp.UpdatedInstanceFailure instFailure(String path, SetResp.ParameterError... errs) {
        return SetResp.UpdatedInstanceFailure.newBuilder().setAffectedPath(path).addAllParamErrs(List.of(errs)).build();
    }

    static UpdatedObjectResult success(String requested, SetResp.UpdatedInstanceResult... results) {
        return UpdatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperSuccess(
                        OperationStatus.OperationSuccess.newBuilder().addAllUpdatedInstResults(List.of(results))))
                .build();
    }

    static UpdatedObjectResult failure(String requested, ErrorCode code, SetResp.UpdatedInstanceFailure... insts) {
        return UpdatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperFailure(
                        OperationStatus.OperationFailure.newBuilder()
                                .setErrCode(code.code())
                                .addAllUpdatedInstFailures(List.of(insts))))
                .build();
    }

    private SetResp setResp(Request request) {
        return withoutErrMsgs(response(controller.send(request), Header.MsgType.SET_RESP).getSetResp());
    }

    private Error setError(Request request) {
        return withoutErrMsgs(error(controller.send(request)));
    }

    private static SetResp resp(UpdatedObjectResult... results) {
        return SetResp.newBuilder().addAllUpdatedObjResults(List.of(results)).build();
    }

    private String sub(String id) {
        return subscription(controller, id, Map.of());
    }

    // ------------------------------------------------------------------ TP-469

    @Test
    void tp469_1_11_setAllowPartialFalseRequiredParametersPass() {
        String s = sub("set11");

        SetResp r = setResp(set(false, obj(s, p("NotifRetry", "true", true))));

        assertThat(r).isEqualTo(resp(success(s, updated(s, Map.of("NotifRetry", "true")))));
        assertThat(value(controller, s + "NotifRetry")).isEqualTo("true");
    }

    @Test
    void tp469_1_12_setAllowPartialTrueRequiredParametersPass() {
        String s = sub("set12");

        SetResp r = setResp(set(true, obj(s, p("NotifRetry", "true", true))));

        assertThat(r).isEqualTo(resp(success(s, updated(s, Map.of("NotifRetry", "true")))));
        assertThat(value(controller, s + "NotifRetry")).isEqualTo("true");
    }

    @Test
    void tp469_1_13_setAllowPartialFalseMultipleObjects() {
        String a = sub("set131");
        String b = sub("set132");

        SetResp r = setResp(set(false, obj(a, p("NotifRetry", "true", true)), obj(b, p("NotifRetry", "1", true))));

        assertThat(r).isEqualTo(resp(
                success(a, updated(a, Map.of("NotifRetry", "true"))),
                success(b, updated(b, Map.of("NotifRetry", "true")))));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("true");
        assertThat(value(controller, b + "NotifRetry")).isEqualTo("true");
    }

    @Test
    void tp469_1_14_setAllowPartialFalseRequiredParameterFails() {
        String s = sub("set14");

        Error err = setError(set(false, obj(s, p("NotifRetry", "true", false), p("InvalidParameter", "x", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.REQUIRED_PARAMETER_FAILED,
                perr(s + "InvalidParameter", ErrorCode.UNSUPPORTED_PARAMETER)));
        assertThat(value(controller, s + "NotifRetry")).isEqualTo("false");
    }

    @Test
    void tp469_1_15_setAllowPartialFalseMultipleObjectsRequiredParameterFailsInOne() {
        String a = sub("set151");
        String b = sub("set152");

        Error err = setError(set(false,
                obj(a, p("NotifRetry", "true", true)),
                obj(b, p("InvalidParameter", "x", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.REQUIRED_PARAMETER_FAILED,
                perr(b + "InvalidParameter", ErrorCode.UNSUPPORTED_PARAMETER)));
        assertThat(value(controller, a + "NotifRetry")).as("rolled back").isEqualTo("false");
    }

    @Test
    void tp469_1_16_setAllowPartialTrueRequiredParameterFailsMultipleObjects() {
        String a = sub("set161");
        String b = sub("set162");

        SetResp r = setResp(set(true,
                obj(a, p("NotifRetry", "true", true)),
                obj(b, p("NotifRetry", "true", false), p("InvalidParameter", "x", true))));

        assertThat(r).isEqualTo(resp(
                success(a, updated(a, Map.of("NotifRetry", "true"))),
                failure(b, ErrorCode.REQUIRED_PARAMETER_FAILED,
                        instFailure(b, paramErr("InvalidParameter", ErrorCode.UNSUPPORTED_PARAMETER)))));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("true");
        assertThat(value(controller, b + "NotifRetry")).isEqualTo("false");
    }

    @Test
    void tp469_1_17_setAllowPartialTrueNonRequiredParameterFails() {
        String s = sub("set17");

        SetResp r = setResp(set(true, obj(s, p("NotifRetry", "true", true), p("InvalidParameter", "x", false))));

        assertThat(r).isEqualTo(resp(success(s, updated(s, Map.of("NotifRetry", "true"),
                paramErr("InvalidParameter", ErrorCode.UNSUPPORTED_PARAMETER)))));
        assertThat(value(controller, s + "NotifRetry")).isEqualTo("true");
    }

    @Test
    void tp469_1_18_setWithUniqueKeyAddressing() {
        sub("set18-other");
        String s = subscription(controller, "set18", Map.of("Alias", "set18-alias"));
        String requested = SUBS + "[Alias==\"set18-alias\"].";

        SetResp r = setResp(set(false, obj(requested, p("NotifRetry", "true", true))));

        assertThat(s).isEqualTo(SUBS + "2.");
        assertThat(r).isEqualTo(resp(success(requested, updated(s, Map.of("NotifRetry", "true")))));
        assertThat(value(controller, s + "NotifRetry")).isEqualTo("true");
        assertThat(value(controller, SUBS + "1.NotifRetry")).isEqualTo("false");
    }

    @Test
    void tp469_1_19_setWildcardAllowPartialFalseRequiredParametersPass() {
        String a = sub("set191");
        String b = sub("set192");
        String requested = SUBS + "*.";

        SetResp r = setResp(set(false, obj(requested, p("NotifRetry", "true", true))));

        assertThat(r).isEqualTo(resp(success(requested,
                updated(a, Map.of("NotifRetry", "true")),
                updated(b, Map.of("NotifRetry", "true")))));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("true");
        assertThat(value(controller, b + "NotifRetry")).isEqualTo("true");
    }

    @Test
    void tp469_1_20_setWildcardAllowPartialFalseRequiredParametersFail() {
        String a = sub("set201");
        String b = sub("set202");

        Error err = setError(set(false, obj(SUBS + "*.", p("NotifRetry", "true", false), p("InvalidParameter", "x", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.REQUIRED_PARAMETER_FAILED,
                perr(a + "InvalidParameter", ErrorCode.UNSUPPORTED_PARAMETER),
                perr(b + "InvalidParameter", ErrorCode.UNSUPPORTED_PARAMETER)));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("false");
        assertThat(value(controller, b + "NotifRetry")).isEqualTo("false");
    }

    @Test
    void tp469_1_21_setWildcardAllowPartialTrueRequiredParametersFail() {
        String a = subscription(controller, "set211", Map.of("Enable", "true"));
        String b = sub("set212");
        String requested = SUBS + "*.";

        SetResp r = setResp(set(true, obj(requested, p("Enable", "InvalidValue", true))));

        assertThat(r).isEqualTo(resp(failure(requested, ErrorCode.REQUIRED_PARAMETER_FAILED,
                instFailure(a, paramErr("Enable", ErrorCode.INVALID_TYPE)),
                instFailure(b, paramErr("Enable", ErrorCode.INVALID_TYPE)))));
        assertThat(value(controller, a + "Enable")).isEqualTo("true");
        assertThat(value(controller, b + "Enable")).isEqualTo("false");
    }

    @Test
    void tp469_1_22_setWithSearchExpression() {
        String a = subscription(controller, "set221", Map.of("NotifExpiration", "0"));
        String b = subscription(controller, "set222", Map.of("NotifExpiration", "10"));
        String c = subscription(controller, "set223", Map.of("NotifExpiration", "20"));
        String requested = SUBS + "[NotifExpiration>0].";

        SetResp r = setResp(set(false, obj(requested, p("NotifRetry", "true", true))));

        assertThat(r).isEqualTo(resp(success(requested,
                updated(b, Map.of("NotifRetry", "true")),
                updated(c, Map.of("NotifRetry", "true")))));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("false");
        assertThat(value(controller, b + "NotifRetry")).isEqualTo("true");
        assertThat(value(controller, c + "NotifRetry")).isEqualTo("true");
    }

    @Test
    void tp469_1_23_setWithPathMatchingNoObjects() {
        sub("set23");
        String requested = SUBS + "[Recipient==\"InvalidValue\"].";

        assertThat(setResp(set(true, obj(requested, p("NotifRetry", "true", true))))).isEqualTo(resp(success(requested)));
        assertThat(setResp(set(false, obj(requested, p("NotifRetry", "true", true))))).isEqualTo(resp(success(requested)));
        assertThat(value(controller, SUBS + "1.NotifRetry")).isEqualTo("false");
    }

    @Test
    void tp469_1_96_nonFunctionalUniqueKeyImmutability() {
        Msg added = controller.send(Request.newBuilder().setAdd(Add.newBuilder().setAllowPartial(false)
                .addCreateObjs(Add.CreateObject.newBuilder().setObjPath(SUBS)
                        .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("ID").setValue("add96").setRequired(true))
                        .addParamSettings(Add.CreateParamSetting.newBuilder().setParam("NotifType").setValue("ValueChange"))))
                .build());
        String s = added.getBody().getResponse().getAddResp().getCreatedObjResults(0).getOperStatus().getOperSuccess()
                .getInstantiatedPath();

        Error err = setError(set(false, obj(s, p("ID", "add96-NEW", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.REQUIRED_PARAMETER_FAILED,
                perr(s + "ID", ErrorCode.PARAMETER_READ_ONLY)));
        assertThat(value(controller, s + "ID")).isEqualTo("add96");
    }

    @Test
    void tp469_1_96_settingAnImmutableKeyToItsOwnValueIsFine() {
        String s = sub("same96");

        assertThat(setResp(set(false, obj(s, p("ID", "same96", true)))))
                .isEqualTo(resp(success(s, updated(s, Map.of("ID", "same96")))));
    }

    @Test
    void tp469_1_104_setOnWriteOnceReadOnlyParameter() {
        String s = subscription(controller, "set104", Map.of("Alias", "alias104"));

        Error err = setError(set(false, obj(s, p("Alias", "alias104-new", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.REQUIRED_PARAMETER_FAILED,
                perr(s + "Alias", ErrorCode.PARAMETER_READ_ONLY)));
        assertThat(value(controller, s + "Alias")).isEqualTo("alias104");
    }

    // ------------------------------------------------------------------ beyond TP-469

    @Test
    void searchPathIsAtomicEvenWithAllowPartialTrue() {
        String a = sub("keep-a");
        String b = sub("keep-b");
        String requested = SUBS + "*.";

        // ID is an immutable key: writing "keep-a" is a no-op on a but a refused change on b, so the
        // whole path fails and a's NotifRetry is rolled back (R-SET.2a); the other path still applies.
        SetResp r = setResp(set(true,
                obj(requested, p("NotifRetry", "true", false), p("ID", "keep-a", true)),
                obj(b, p("NotifExpiration", "5", true))));

        assertThat(r).isEqualTo(resp(
                failure(requested, ErrorCode.REQUIRED_PARAMETER_FAILED,
                        instFailure(b, paramErr("ID", ErrorCode.PARAMETER_READ_ONLY))),
                success(b, updated(b, Map.of("NotifExpiration", "5")))));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("false");
        assertThat(value(controller, b + "NotifRetry")).isEqualTo("false");
        assertThat(value(controller, b + "NotifExpiration")).isEqualTo("5");
    }

    @Test
    void unchangedValuesAreStillReportedAndValuesAreCanonical() {
        String s = sub("canon");

        SetResp r = setResp(set(false, obj(s,
                p("NotifRetry", "0", true),
                p("NotifExpiration", "+0010", true))));

        assertThat(r).isEqualTo(resp(success(s, updated(s, Map.of("NotifRetry", "false", "NotifExpiration", "10")))));
        assertThat(value(controller, s + "NotifExpiration")).isEqualTo("10");
    }

    @Test
    void missingInstanceIs7016() {
        String requested = SUBS + "9.";

        assertThat(setResp(set(true, obj(requested, p("NotifRetry", "true", true)))))
                .isEqualTo(resp(failure(requested, ErrorCode.OBJECT_DOES_NOT_EXIST)));
        assertThat(setError(set(false, obj(requested, p("NotifRetry", "true", true)))))
                .isEqualTo(errorOf(ErrorCode.OBJECT_DOES_NOT_EXIST, perr(requested, ErrorCode.OBJECT_DOES_NOT_EXIST)));
    }

    @Test
    void keyAddressOfAMissingInstanceIs7016() {
        String requested = SUBS + "[Alias==\"nobody\"].";

        assertThat(setResp(set(true, obj(requested, p("NotifRetry", "true", true)))))
                .isEqualTo(resp(failure(requested, ErrorCode.OBJECT_DOES_NOT_EXIST)));
    }

    @Test
    void invalidPathsFailAsAWhole() {
        String table = SUBS;
        String unknown = "Device.LocalAgent.InvalidObject.";
        String param = "Device.LocalAgent.MaxSubscriptionChangeAdoptionTime";
        String syntax = "Device..LocalAgent.";

        SetResp r = setResp(set(true,
                obj(table, p("NotifRetry", "true", true)),
                obj(unknown, p("X", "1", true)),
                obj(param, p("X", "1", true)),
                obj(syntax, p("X", "1", true))));

        assertThat(r).isEqualTo(resp(
                failure(table, ErrorCode.INVALID_PATH),
                failure(unknown, ErrorCode.INVALID_PATH),
                failure(param, ErrorCode.INVALID_PATH),
                failure(syntax, ErrorCode.INVALID_PATH_SYNTAX)));
    }

    @Test
    void singleInstanceObjectsAndSubObjectParameters() {
        String c = controllerEntry(controller, "proto::c1", "c1", true);

        SetResp r = setResp(set(false,
                obj("Device.LocalAgent.", p("MaxSubscriptionChangeAdoptionTime", "30", true)),
                obj(c, p("TransferCompletePolicy.ResultTypeFilter", "Failure", true)),
                obj(c + "TransferCompletePolicy.", p("ResultTypeFilter", "Both", false))));

        assertThat(r).isEqualTo(resp(
                success("Device.LocalAgent.", updated("Device.LocalAgent.", Map.of("MaxSubscriptionChangeAdoptionTime", "30"))),
                success(c, updated(c, Map.of("TransferCompletePolicy.ResultTypeFilter", "Failure"))),
                success(c + "TransferCompletePolicy.",
                        updated(c + "TransferCompletePolicy.", Map.of("ResultTypeFilter", "Both")))));
        assertThat(value(controller, "Device.LocalAgent.MaxSubscriptionChangeAdoptionTime")).isEqualTo("30");
        assertThat(value(controller, c + "TransferCompletePolicy.ResultTypeFilter")).isEqualTo("Both");
    }

    @Test
    void functionalKeyClashIsCaughtAtCommit() {
        String a = controllerEntry(controller, "proto::a", "a", true);
        String b = controllerEntry(controller, "proto::b", "b", true);
        String requested = CTRLS + "*.";

        SetResp r = setResp(set(true, obj(requested, p("EndpointID", "proto::same", true))));

        assertThat(r).isEqualTo(resp(failure(requested, ErrorCode.DUPLICATE_UNIQUE_KEY,
                instFailure(a, paramErr("EndpointID", ErrorCode.DUPLICATE_UNIQUE_KEY)))));
        assertThat(value(controller, a + "EndpointID")).isEqualTo("proto::a");
        assertThat(value(controller, b + "EndpointID")).isEqualTo("proto::b");

        assertThat(setError(set(false, obj(a, p("EndpointID", "proto::b", true)))))
                .isEqualTo(errorOf(ErrorCode.DUPLICATE_UNIQUE_KEY,
                        perr(a + "EndpointID", ErrorCode.DUPLICATE_UNIQUE_KEY)));
    }

    @Test
    void swappingFunctionalKeysInOneMessageIsFine() {
        String a = controllerEntry(controller, "proto::a", "a", true);
        String b = controllerEntry(controller, "proto::b", "b", true);

        // Uniqueness holds only after the whole message (TR-369 "Selecting Objects and Parameters").
        SetResp r = setResp(set(false,
                obj(a, p("EndpointID", "proto::b", true)),
                obj(b, p("EndpointID", "proto::a", true))));

        assertThat(r).isEqualTo(resp(
                success(a, updated(a, Map.of("EndpointID", "proto::b"))),
                success(b, updated(b, Map.of("EndpointID", "proto::a")))));
        assertThat(value(controller, a + "EndpointID")).isEqualTo("proto::b");
        assertThat(value(controller, b + "EndpointID")).isEqualTo("proto::a");
    }

    @Test
    void laterPathsOfAnAtomicSetSeeEarlierChanges() {
        String a = sub("later-a");
        sub("later-b");
        String requested = SUBS + "[Enable==true].";

        SetResp r = setResp(set(false,
                obj(a, p("Enable", "true", true)),
                obj(requested, p("NotifRetry", "true", true))));

        assertThat(r).isEqualTo(resp(
                success(a, updated(a, Map.of("Enable", "true"))),
                success(requested, updated(a, Map.of("NotifRetry", "true")))));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("true");
        assertThat(value(controller, SUBS + "2.NotifRetry")).isEqualTo("false");
    }

    @Test
    void atomicErrorListsEveryFailureAndKeepsNothing() {
        String a = sub("all-a");

        Error err = setError(set(false,
                obj(a, p("NotifRetry", "true", true)),
                obj(SUBS + "8.", p("NotifRetry", "true", true)),
                obj(a, p("Enable", "perhaps", true), p("TimeToLive", "-1", false))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.OBJECT_DOES_NOT_EXIST,
                perr(SUBS + "8.", ErrorCode.OBJECT_DOES_NOT_EXIST),
                perr(a + "Enable", ErrorCode.INVALID_TYPE),
                perr(a + "TimeToLive", ErrorCode.INVALID_TYPE)));
        assertThat(value(controller, a + "NotifRetry")).isEqualTo("false");
    }

    @Test
    void readOnlyParameterIsRefused() {
        String s = sub("ro");

        SetResp r = setResp(set(true, obj(s, p("CreationDate", "2024-01-01T00:00:00Z", false), p("Enable", "true", false))));

        assertThat(r).isEqualTo(resp(success(s, updated(s, Map.of("Enable", "true"),
                paramErr("CreationDate", ErrorCode.PARAMETER_READ_ONLY)))));
    }
}
