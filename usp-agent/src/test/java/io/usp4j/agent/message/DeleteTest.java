package io.usp4j.agent.message;

import static io.usp4j.agent.message.WriteTestSupport.CTRLS;
import static io.usp4j.agent.message.WriteTestSupport.SUBS;
import static io.usp4j.agent.message.WriteTestSupport.controllerEntry;
import static io.usp4j.agent.message.WriteTestSupport.create;
import static io.usp4j.agent.message.WriteTestSupport.error;
import static io.usp4j.agent.message.WriteTestSupport.errorOf;
import static io.usp4j.agent.message.WriteTestSupport.instances;
import static io.usp4j.agent.message.WriteTestSupport.perr;
import static io.usp4j.agent.message.WriteTestSupport.response;
import static io.usp4j.agent.message.WriteTestSupport.subscription;
import static io.usp4j.agent.message.WriteTestSupport.value;
import static io.usp4j.agent.message.WriteTestSupport.withoutErrMsgs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp4j.agent.notify.NotificationSink;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Delete;
import io.usp4j.core.proto.msg.DeleteResp;
import io.usp4j.core.proto.msg.DeleteResp.DeletedObjectResult;
import io.usp4j.core.proto.msg.DeleteResp.DeletedObjectResult.OperationStatus;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.xml.AgentModels;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Delete (TR-369 "The Delete Message"; TP-469 1.24–1.35, 1.90) against the agent's own
 * {@code Device.LocalAgent.Subscription.{i}.} and {@code Controller.{i}.BootParameter.{i}.} tables.
 */
class DeleteTest {
    private static final String BOOT_PARAMS = "Device.LocalAgent.Controller.{i}.BootParameter.{i}.";
    private static final String REQUESTS = "Device.LocalAgent.Request.";

    private TestController controller = TestController.start();

    @AfterEach
    void stop() {
        controller.close();
    }

    // ------------------------------------------------------------------ request and result builders

    static Request delete(boolean allowPartial, String... paths) {
        return Request.newBuilder()
                .setDelete(Delete.newBuilder().setAllowPartial(allowPartial).addAllObjPaths(List.of(paths)))
                .build();
    }

    static DeleteResp.UnaffectedPathError unaffected(String path, ErrorCode code) {
        return DeleteResp.UnaffectedPathError.newBuilder().setUnaffectedPath(path).setErrCode(code.code()).build();
    }

    static DeletedObjectResult deleted(String requested, String... affected) {
        return deleted(requested, List.of(affected), List.of());
    }

    static DeletedObjectResult deleted(String requested, List<String> affected,
            List<DeleteResp.UnaffectedPathError> unaffected) {
        return DeletedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperSuccess(
                        OperationStatus.OperationSuccess.newBuilder()
                                .addAllAffectedPaths(affected)
                                .addAllUnaffectedPathErrs(unaffected)))
                .build();
    }

    static DeletedObjectResult failed(String requested, ErrorCode code) {
        return DeletedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperFailure(
                        OperationStatus.OperationFailure.newBuilder().setErrCode(code.code())))
                .build();
    }

    static DeleteResp resp(DeletedObjectResult... results) {
        return DeleteResp.newBuilder().addAllDeletedObjResults(List.of(results)).build();
    }

    private DeleteResp deleteResp(Request request) {
        return withoutErrMsgs(response(controller.send(request), Header.MsgType.DELETE_RESP).getDeleteResp());
    }

    private Error deleteError(Request request) {
        return withoutErrMsgs(error(controller.send(request)));
    }

    private String sub(String id) {
        return subscription(controller, id, Map.of());
    }

    private String bootParameter(String controllerPath, String name, boolean enable) {
        return create(controller, controllerPath + "BootParameter.",
                Map.of("ParameterName", name, "Enable", Boolean.toString(enable)));
    }

    /** A Request row, which Controllers may not delete (the table is read-only). */
    private String requestRow(String key) {
        return controller.onAgent(() -> {
            Transaction tx = controller.agent().dataModel().begin();
            String path = tx.create(REQUESTS, Map.of("Originator", TestController.CONTROLLER_ID,
                    "Command", "Device.ScheduleTimer()", "CommandKey", key, "Status", "Active")).instancePath();
            tx.commit();
            return path;
        });
    }

    // ------------------------------------------------------------------ TP-469

    @Test
    void tp469_1_24_deleteAllowPartialFalseValidObjectInstance() {
        String s = sub("del24");

        DeleteResp r = deleteResp(delete(false, s));

        assertThat(r).isEqualTo(resp(deleted(s, s)));
        assertThat(instances(controller, SUBS)).isEmpty();
        assertThat(value(controller, s + "ID")).isNull();
        assertThat(value(controller, "Device.LocalAgent.SubscriptionNumberOfEntries")).isEqualTo("0");
    }

    @Test
    void tp469_1_25_deleteAllowPartialFalseObjectInstanceDoesNotExist() {
        String s = sub("del25");
        String missing = SUBS + "9.";

        DeleteResp r = deleteResp(delete(false, missing));

        assertThat(r).isEqualTo(resp(deleted(missing)));
        assertThat(instances(controller, SUBS)).containsExactly(s);
    }

    @Test
    void tp469_1_26_deleteAllowPartialFalseInvalidObject() {
        String invalid = "Device.LocalAgent.InvalidObject.1.";

        Error err = deleteError(delete(false, invalid));

        assertThat(err).isEqualTo(errorOf(ErrorCode.INVALID_PATH, perr(invalid, ErrorCode.INVALID_PATH)));
    }

    @Test
    void tp469_1_27_deleteAllowPartialFalseMultipleObjects() {
        String a = sub("del271");
        String b = sub("del272");
        String c = sub("del273");

        DeleteResp r = deleteResp(delete(false, a, b));

        assertThat(r).isEqualTo(resp(deleted(a, a), deleted(b, b)));
        assertThat(instances(controller, SUBS)).containsExactly(c);
    }

    @Test
    void tp469_1_28_deleteAllowPartialFalseMultipleObjectsInvalidObject() {
        String a = sub("del28");
        String invalid = "Device.LocalAgent.InvalidObject.";

        Error err = deleteError(delete(false, a, invalid));

        assertThat(err).isEqualTo(errorOf(ErrorCode.INVALID_PATH, perr(invalid, ErrorCode.INVALID_PATH)));
        assertThat(instances(controller, SUBS)).as("the valid instance is kept").containsExactly(a);
    }

    @Test
    void tp469_1_29_deleteAllowPartialTrueObjectInstanceDoesNotExist() {
        String missing = SUBS + "9.";

        assertThat(deleteResp(delete(true, missing))).isEqualTo(resp(deleted(missing)));
    }

    @Test
    void tp469_1_30_deleteAllowPartialTrueInvalidObject() {
        String invalid = "Device.LocalAgent.InvalidObject.";

        assertThat(deleteResp(delete(true, invalid))).isEqualTo(resp(failed(invalid, ErrorCode.INVALID_PATH)));
    }

    @Test
    void tp469_1_31_deleteAllowPartialTrueMultipleObjectsInvalidObject() {
        String a = sub("del31");
        String invalid = "Device.LocalAgent.InvalidObject.";

        DeleteResp r = deleteResp(delete(true, a, invalid));

        assertThat(r).isEqualTo(resp(deleted(a, a), failed(invalid, ErrorCode.INVALID_PATH)));
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_32_deleteAllowPartialTrueMultipleObjectsObjectDoesNotExist() {
        String a = sub("del32");
        String missing = SUBS + "9.";

        DeleteResp r = deleteResp(delete(true, a, missing));

        assertThat(r).isEqualTo(resp(deleted(a, a), deleted(missing)));
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_33_deleteWithUniqueKeyAddressing() {
        controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        String c = controllerEntry(controller, "proto::ctrl-b", "ctrl-b", true);
        String keep = bootParameter(c, "Device.LocalAgent.EndpointID", true);
        String gone = bootParameter(c, "Device.LocalAgent.UpTime", true);
        String requested = CTRLS + "[EndpointID==\"proto::ctrl-b\"&&Alias==\"ctrl-b\"].BootParameter.2.";

        DeleteResp r = deleteResp(delete(false, requested));

        assertThat(gone).isEqualTo(CTRLS + "2.BootParameter.2.");
        assertThat(r).isEqualTo(resp(deleted(requested, gone)));
        assertThat(instances(controller, c + "BootParameter.")).containsExactly(keep);
    }

    @Test
    void tp469_1_34_deleteWithWildcardSearchPath() {
        String a = sub("del341");
        String b = sub("del342");
        String c = sub("del343");
        String requested = SUBS + "*.";

        DeleteResp r = deleteResp(delete(false, requested));

        assertThat(r).isEqualTo(resp(deleted(requested, a, b, c)));
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_35_deleteWithSearchExpression() {
        String c = controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        String on1 = bootParameter(c, "Device.LocalAgent.EndpointID", true);
        String off = bootParameter(c, "Device.LocalAgent.UpTime", false);
        String on2 = bootParameter(c, "Device.LocalAgent.SoftwareVersion", true);
        String requested = c + "BootParameter.[Enable==true].";

        DeleteResp r = deleteResp(delete(false, requested));

        assertThat(r).isEqualTo(resp(deleted(requested, on1, on2)));
        assertThat(instances(controller, c + "BootParameter.")).containsExactly(off);
    }

    @Test
    void tp469_1_90_deleteWithSearchExpressionMatchingNoObjects() {
        subscription(controller, "del90", Map.of("Enable", "true"));
        String requested = SUBS + "[Enable==false].";

        assertThat(deleteResp(delete(false, requested))).isEqualTo(resp(deleted(requested)));
        assertThat(deleteResp(delete(true, requested))).isEqualTo(resp(deleted(requested)));
        assertThat(instances(controller, SUBS)).hasSize(1);
    }

    // ------------------------------------------------------------------ beyond TP-469

    @Test
    void missingInstanceFailsUnderTr369_1_4_1() {
        DataModel model = DataModel.builder(AgentModels.usp()).build();
        Transaction tx = model.begin();
        String s = tx.add(SUBS, List.of(ParamSetting.of("ID", "strict"))).instancePath();
        tx.commit();
        RequestContext ctx = new RequestContext(TestController.AGENT_ID, TestController.CONTROLLER_ID, "m1", model,
                Clock.systemUTC(), Runnable::run, NotificationSink.NONE);
        DeleteHandler strict = new DeleteHandler(true);
        String missing = SUBS + "9.";

        assertThatThrownBy(() -> strict.handle(ctx, delete(false, s, missing)))
                .isInstanceOfSatisfying(RequestFailedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.OBJECT_DOES_NOT_EXIST);
                    assertThat(e.paramErrors()).extracting(Error.ParamError::getParamPath).containsExactly(missing);
                });
        assertThat(model.view().object(s)).as("nothing deleted").isNotNull();

        // A search matching nothing, and allow_partial=true, still succeed.
        String search = SUBS + "[Enable==true].";
        assertThat(strict.handle(ctx, delete(false, search)).getDeleteResp()).isEqualTo(resp(deleted(search)));
        assertThat(strict.handle(ctx, delete(true, missing)).getDeleteResp()).isEqualTo(resp(deleted(missing)));
        assertThat(new DeleteHandler().handle(ctx, delete(false, missing)).getDeleteResp())
                .isEqualTo(resp(deleted(missing)));
    }

    @Test
    void nonDeletableInstancesWithAllowPartialTrueAreUnaffectedPaths() {
        String r1 = requestRow("k1");
        String r2 = requestRow("k2");
        String requested = REQUESTS + "*.";

        DeleteResp r = deleteResp(delete(true, requested, r1));

        assertThat(r).isEqualTo(resp(
                deleted(requested, List.of(), List.of(
                        unaffected(r1, ErrorCode.DELETE_FAILURE), unaffected(r2, ErrorCode.DELETE_FAILURE))),
                deleted(r1, List.of(), List.of(unaffected(r1, ErrorCode.DELETE_FAILURE)))));
        assertThat(instances(controller, REQUESTS)).containsExactly(r1, r2);
    }

    @Test
    void nonDeletableInstanceWithAllowPartialFalseIsAnError() {
        String s = sub("kept");
        String r1 = requestRow("k1");

        Error err = deleteError(delete(false, s, r1));

        assertThat(err).isEqualTo(errorOf(ErrorCode.DELETE_FAILURE, perr(r1, ErrorCode.DELETE_FAILURE)));
        assertThat(instances(controller, SUBS)).containsExactly(s);
        assertThat(instances(controller, REQUESTS)).containsExactly(r1);
    }

    @Test
    void firmwareVetoFailsOnlyThatInstanceWithAllowPartialTrue() {
        controller.close();
        controller = TestController.start(b -> b.bind(BOOT_PARAMS, o -> o.onChange(new ChangeHandler() {
            @Override
            public void validate(ObjectChange change) {
                if (change.kind() == ObjectChange.Kind.DELETE && change.instance().value("ParameterName").equals("locked")) {
                    throw new UspException(ErrorCode.DELETE_FAILURE, "this boot parameter is locked");
                }
            }
        })));
        String c = controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        String a = bootParameter(c, "Device.LocalAgent.EndpointID", true);
        String locked = bootParameter(c, "locked", true);
        String b = bootParameter(c, "Device.LocalAgent.UpTime", true);
        String requested = c + "BootParameter.*.";

        DeleteResp r = deleteResp(delete(true, requested));

        assertThat(r).isEqualTo(resp(deleted(requested, List.of(a, b),
                List.of(unaffected(locked, ErrorCode.DELETE_FAILURE)))));
        assertThat(instances(controller, c + "BootParameter.")).containsExactly(locked);

        Error err = deleteError(delete(false, requested));
        assertThat(err).isEqualTo(errorOf(ErrorCode.DELETE_FAILURE, perr(locked, ErrorCode.DELETE_FAILURE)));
        assertThat(instances(controller, c + "BootParameter.")).containsExactly(locked);
    }

    @Test
    void pathsThatAreNotInstancesFail() {
        sub("s");
        String table = SUBS;
        String single = "Device.LocalAgent.";
        String param = SUBS + "1.Enable";
        String syntax = SUBS + "0.";

        DeleteResp r = deleteResp(delete(true, table, single, param, syntax));

        assertThat(r).isEqualTo(resp(
                failed(table, ErrorCode.INVALID_PATH),
                failed(single, ErrorCode.OBJECT_NOT_A_TABLE),
                failed(param, ErrorCode.INVALID_PATH),
                failed(syntax, ErrorCode.INVALID_PATH_SYNTAX)));
        assertThat(instances(controller, SUBS)).hasSize(1);

        assertThat(deleteError(delete(false, single)))
                .isEqualTo(errorOf(ErrorCode.OBJECT_NOT_A_TABLE, perr(single, ErrorCode.OBJECT_NOT_A_TABLE)));
    }

    @Test
    void deletingAControllerTakesItsBootParametersAlong() {
        String c = controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        bootParameter(c, "Device.LocalAgent.EndpointID", true);
        bootParameter(c, "Device.LocalAgent.UpTime", true);

        DeleteResp r = deleteResp(delete(false, c));

        assertThat(r).as("only the requested instance is listed").isEqualTo(resp(deleted(c, c)));
        assertThat(instances(controller, CTRLS)).isEmpty();
        assertThat(value(controller, c + "BootParameter.1.ParameterName")).isNull();
    }

    @Test
    void keyAddressOfAMissingInstanceSucceedsEmpty() {
        String requested = SUBS + "[Alias==\"nobody\"].";

        assertThat(deleteResp(delete(false, requested))).isEqualTo(resp(deleted(requested)));
    }

    @Test
    void anInstanceNamedTwiceInAnAtomicDeleteIsDeletedOnce() {
        String a = sub("twice");

        DeleteResp r = deleteResp(delete(false, SUBS + "*.", a));

        assertThat(r).isEqualTo(resp(deleted(SUBS + "*.", a), deleted(a)));
        assertThat(instances(controller, SUBS)).isEmpty();
    }
}
