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

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.proto.msg.Add;
import io.usp4j.core.proto.msg.AddResp;
import io.usp4j.core.proto.msg.AddResp.CreatedObjectResult;
import io.usp4j.core.proto.msg.AddResp.CreatedObjectResult.OperationStatus;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Request;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Add (TR-369 "The Add Message"; TP-469 1.1–1.10, 1.81, 1.88, 1.95) against the agent's own
 * {@code Device.LocalAgent.Subscription.{i}.} and {@code Controller.{i}.BootParameter.{i}.} tables.
 */
class AddTest {
    private final TestController controller = TestController.start();

    @AfterEach
    void stop() {
        controller.close();
    }

    // ------------------------------------------------------------------ request and result builders

    static Add.CreateParamSetting p(String name, String value, boolean required) {
        return Add.CreateParamSetting.newBuilder().setParam(name).setValue(value).setRequired(required).build();
    }

    static Add.CreateObject obj(String path, Add.CreateParamSetting... settings) {
        return Add.CreateObject.newBuilder().setObjPath(path).addAllParamSettings(List.of(settings)).build();
    }

    static Request add(boolean allowPartial, Add.CreateObject... objects) {
        return Request.newBuilder()
                .setAdd(Add.newBuilder().setAllowPartial(allowPartial).addAllCreateObjs(List.of(objects)))
                .build();
    }

    static AddResp.ParameterError paramErr(String param, ErrorCode code) {
        return AddResp.ParameterError.newBuilder().setParam(param).setErrCode(code.code()).build();
    }

    static CreatedObjectResult created(String requested, String instance, Map<String, String> keys,
            AddResp.ParameterError... errs) {
        return CreatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperSuccess(
                        OperationStatus.OperationSuccess.newBuilder()
                                .setInstantiatedPath(instance)
                                .putAllUniqueKeys(keys)
                                .addAllParamErrs(List.of(errs))))
                .build();
    }

    static CreatedObjectResult emptySuccess(String requested) {
        return CreatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder()
                        .setOperSuccess(OperationStatus.OperationSuccess.getDefaultInstance()))
                .build();
    }

    static CreatedObjectResult failed(String requested, ErrorCode code) {
        return CreatedObjectResult.newBuilder()
                .setRequestedPath(requested)
                .setOperStatus(OperationStatus.newBuilder().setOperFailure(
                        OperationStatus.OperationFailure.newBuilder().setErrCode(code.code())))
                .build();
    }

    private AddResp addResp(Request request) {
        return withoutErrMsgs(response(controller.send(request), Header.MsgType.ADD_RESP).getAddResp());
    }

    private Error addError(Request request) {
        return withoutErrMsgs(error(controller.send(request)));
    }

    /** The unique keys of a Subscription the Controller gave ID and the agent gave Alias "cpe-n". */
    private static Map<String, String> subKeys(String id, long n) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("Alias", "cpe-" + n);
        keys.put("ID", id);
        keys.put("Recipient", "");
        return keys;
    }

    private static Add.CreateObject subscriptionObj(String id, boolean required) {
        return obj(SUBS,
                p("Enable", "true", required),
                p("ID", id, required),
                p("NotifType", "ValueChange", required),
                p("ReferenceList", "Device.LocalAgent.SoftwareVersion", true));
    }

    // ------------------------------------------------------------------ TP-469

    @Test
    void tp469_1_1_addAllowPartialFalseSingleObjectRequiredParametersSucceed() {
        AddResp resp = addResp(add(false, subscriptionObj("add1", true)));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(SUBS, SUBS + "1.", subKeys("add1", 1)))
                .build());
        assertThat(value(controller, SUBS + "1.ID")).isEqualTo("add1");
        assertThat(value(controller, SUBS + "1.Enable")).isEqualTo("true");
        assertThat(value(controller, SUBS + "1.NotifType")).isEqualTo("ValueChange");
        assertThat(value(controller, SUBS + "1.ReferenceList")).isEqualTo("Device.LocalAgent.SoftwareVersion");
        assertThat(value(controller, SUBS + "1.Alias")).isEqualTo("cpe-1");
    }

    @Test
    void tp469_1_2_addAllowPartialTrueSingleObjectRequiredParametersSucceed() {
        AddResp resp = addResp(add(true, subscriptionObj("add2", true)));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(SUBS, SUBS + "1.", subKeys("add2", 1)))
                .build());
        assertThat(value(controller, SUBS + "1.ID")).isEqualTo("add2");
        assertThat(value(controller, SUBS + "1.Enable")).isEqualTo("true");
    }

    @Test
    void tp469_1_3_addAllowPartialFalseSingleObjectRequiredParameterFails() {
        Error err = addError(add(false, obj(SUBS,
                p("Enable", "InvalidValue", true),
                p("ID", "add3", true),
                p("NotifType", "ValueChange", true),
                p("ReferenceList", "Device.LocalAgent.SoftwareVersion", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.REQUIRED_PARAMETER_FAILED,
                perr(SUBS + "Enable", ErrorCode.INVALID_TYPE)));
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_4_addAllowPartialFalseSingleInvalidObject() {
        Error err = addError(add(false, obj("Device.LocalAgent.InvalidObject.", p("Enable", "true", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.INVALID_PATH,
                perr("Device.LocalAgent.InvalidObject.", ErrorCode.INVALID_PATH)));
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_5_addAllowPartialFalseMultipleObjects() {
        AddResp resp = addResp(add(false, subscriptionObj("add51", true), subscriptionObj("add52", true)));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(SUBS, SUBS + "1.", subKeys("add51", 1)))
                .addCreatedObjResults(created(SUBS, SUBS + "2.", subKeys("add52", 2)))
                .build());
        assertThat(value(controller, SUBS + "1.ID")).isEqualTo("add51");
        assertThat(value(controller, SUBS + "2.ID")).isEqualTo("add52");
        assertThat(value(controller, SUBS + "2.Enable")).isEqualTo("true");
    }

    @Test
    void tp469_1_6_addAllowPartialFalseMultipleObjectsWithAnInvalidObject() {
        Error err = addError(add(false,
                subscriptionObj("add6", true),
                obj("Device.LocalAgent.InvalidObject.", p("Enable", "true", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.INVALID_PATH,
                perr("Device.LocalAgent.InvalidObject.", ErrorCode.INVALID_PATH)));
        assertThat(instances(controller, SUBS)).as("the valid Subscription is not created either").isEmpty();
    }

    @Test
    void tp469_1_7_addAllowPartialFalseMultipleObjectsRequiredParameterFailsInOne() {
        Error err = addError(add(false,
                obj(SUBS, p("Enable", "InvalidValue", true), p("ID", "add71", true)),
                subscriptionObj("add72", true)));

        assertThat(err).isEqualTo(errorOf(ErrorCode.REQUIRED_PARAMETER_FAILED,
                perr(SUBS + "Enable", ErrorCode.INVALID_TYPE)));
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_8_addAllowPartialTrueRequiredParameterFailsInvalidTypeSingleObject() {
        AddResp resp = addResp(add(true,
                obj(SUBS, p("Enable", "InvalidValue", true), p("ID", "add8", true))));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(failed(SUBS, ErrorCode.REQUIRED_PARAMETER_FAILED))
                .build());
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_8_failureTextNamesTheFailedParameter() {
        AddResp resp = response(controller.send(add(true,
                obj(SUBS, p("Enable", "InvalidValue", true)))), Header.MsgType.ADD_RESP).getAddResp();

        assertThat(resp.getCreatedObjResults(0).getOperStatus().getOperFailure().getErrMsg())
                .contains("Enable").contains("7011");
    }

    @Test
    void tp469_1_9_addAllowPartialTrueRequiredParameterFailsMultipleObjects() {
        AddResp resp = addResp(add(true,
                subscriptionObj("add91", true),
                obj(SUBS, p("ID", "add92", true), p("InvalidParameter", "x", true))));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(SUBS, SUBS + "1.", subKeys("add91", 1)))
                .addCreatedObjResults(failed(SUBS, ErrorCode.REQUIRED_PARAMETER_FAILED))
                .build());
        assertThat(instances(controller, SUBS)).containsExactly(SUBS + "1.");
        assertThat(value(controller, SUBS + "1.ID")).isEqualTo("add91");
    }

    @Test
    void tp469_1_10_addWithUniqueKeyAddressingInPath() {
        controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        String requested = CTRLS + "[EndpointID==\"proto::ctrl-a\"&&Alias==\"ctrl-a\"].BootParameter.";

        AddResp resp = addResp(add(false, obj(requested,
                p("Enable", "true", true),
                p("ParameterName", "Device.LocalAgent.EndpointID", true))));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(requested, CTRLS + "1.BootParameter.1.",
                        Map.of("Alias", "cpe-1", "ParameterName", "Device.LocalAgent.EndpointID")))
                .build());
        assertThat(value(controller, CTRLS + "1.BootParameter.1.Enable")).isEqualTo("true");
        assertThat(value(controller, CTRLS + "1.BootParameter.1.ParameterName"))
                .isEqualTo("Device.LocalAgent.EndpointID");
        assertThat(value(controller, CTRLS + "1.BootParameterNumberOfEntries")).isEqualTo("1");
    }

    @Test
    void tp469_1_81_automaticUniqueKeyGeneration() {
        Add.CreateObject noKeys = obj(SUBS,
                p("NotifType", "ValueChange", true),
                p("ReferenceList", "Device.LocalAgent.SoftwareVersion", true));

        AddResp resp = addResp(add(false, noKeys, noKeys));

        assertThat(resp.getCreatedObjResultsCount()).isEqualTo(2);
        Set<String> ids = new HashSet<>();
        Set<String> aliases = new HashSet<>();
        for (CreatedObjectResult r : resp.getCreatedObjResultsList()) {
            Map<String, String> keys = r.getOperStatus().getOperSuccess().getUniqueKeysMap();
            assertThat(keys).containsOnlyKeys("Alias", "ID", "Recipient");
            assertThat(keys.get("ID")).isNotEmpty();
            assertThat(keys.get("Alias")).matches("[A-Za-z].*");
            ids.add(keys.get("ID"));
            aliases.add(keys.get("Alias"));
            String path = r.getOperStatus().getOperSuccess().getInstantiatedPath();
            assertThat(value(controller, path + "ID")).isEqualTo(keys.get("ID"));
            assertThat(value(controller, path + "Alias")).isEqualTo(keys.get("Alias"));
        }
        assertThat(ids).as("generated IDs are distinct").hasSize(2);
        assertThat(aliases).as("generated Aliases are distinct").hasSize(2);
        assertThat(resp.getCreatedObjResults(0).getOperStatus().getOperSuccess().getUniqueKeysMap().get("Recipient"))
                .isEqualTo(resp.getCreatedObjResults(1).getOperStatus().getOperSuccess().getUniqueKeysMap()
                        .get("Recipient"));
    }

    @Test
    void tp469_1_88_addFailsWhenUniqueKeyIsInvalid() {
        // The Alias is not marked required: a unique key counts as required anyway.
        Error err = addError(add(false, obj(SUBS,
                p("Enable", "True", false),
                p("Alias", "88InvalidAlias", false),
                p("ID", "add88", true),
                p("NotifType", "ValueChange", true),
                p("ReferenceList", "Device.LocalAgent.SoftwareVersion", true))));

        assertThat(err.getErrCode()).isEqualTo(ErrorCode.REQUIRED_PARAMETER_FAILED.code());
        assertThat(err.getParamErrsList()).extracting(Error.ParamError::getParamPath).contains(SUBS + "Alias");
        assertThat(err.getParamErrsList()).filteredOn(pe -> pe.getParamPath().equals(SUBS + "Alias"))
                .extracting(Error.ParamError::getErrCode).containsExactly(ErrorCode.INVALID_VALUE.code());
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_88_invalidUniqueKeyFailsTheObjectWithAllowPartialTrue() {
        AddResp resp = addResp(add(true, obj(SUBS,
                p("Alias", "88InvalidAlias", false),
                p("NotifType", "ValueChange", true))));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(failed(SUBS, ErrorCode.REQUIRED_PARAMETER_FAILED))
                .build());
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void tp469_1_95_addWithSearchExpression() {
        controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        controllerEntry(controller, "proto::ctrl-b", "ctrl-b", false);
        controllerEntry(controller, "proto::ctrl-c", "ctrl-c", true);
        String requested = CTRLS + "[Enable==true].BootParameter.";

        AddResp resp = addResp(add(false, obj(requested,
                p("Enable", "true", true),
                p("ParameterName", "Device.LocalAgent.SoftwareVersion", true))));

        Map<String, String> keys = Map.of("Alias", "cpe-1", "ParameterName", "Device.LocalAgent.SoftwareVersion");
        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(requested, CTRLS + "1.BootParameter.1.", keys))
                .addCreatedObjResults(created(requested, CTRLS + "3.BootParameter.1.", keys))
                .build());
        assertThat(instances(controller, CTRLS + "1.BootParameter.")).containsExactly(CTRLS + "1.BootParameter.1.");
        assertThat(instances(controller, CTRLS + "2.BootParameter.")).isEmpty();
        assertThat(instances(controller, CTRLS + "3.BootParameter.")).containsExactly(CTRLS + "3.BootParameter.1.");
    }

    // ------------------------------------------------------------------ beyond TP-469

    @Test
    void nonRequiredFailuresAreReportedWithRelativeNamesAndTheObjectIsCreated() {
        AddResp resp = addResp(add(false, obj(SUBS,
                p("ID", "partial", true),
                p("NotifRetry", "maybe", false),
                p("InvalidParameter", "x", false),
                p("CreationDate", "2024-01-01T00:00:00Z", false))));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(SUBS, SUBS + "1.", subKeys("partial", 1),
                        paramErr("NotifRetry", ErrorCode.INVALID_TYPE),
                        paramErr("InvalidParameter", ErrorCode.UNSUPPORTED_PARAMETER),
                        paramErr("CreationDate", ErrorCode.PARAMETER_READ_ONLY)))
                .build());
        assertThat(value(controller, SUBS + "1.NotifRetry")).isEqualTo("false");
    }

    @Test
    void searchParentMatchingTwoWithAllowPartialTrueCreatesEachAlone() {
        controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        controllerEntry(controller, "proto::ctrl-b", "ctrl-b", true);
        create(controller, CTRLS + "2.BootParameter.", Map.of("ParameterName", "Device.LocalAgent.UpTime"));
        String requested = CTRLS + "*.BootParameter.";

        // ParameterName is a functional unique key: it clashes under ctrl-b only, at commit.
        AddResp resp = addResp(add(true, obj(requested, p("ParameterName", "Device.LocalAgent.UpTime", false))));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(requested, CTRLS + "1.BootParameter.1.",
                        Map.of("Alias", "cpe-1", "ParameterName", "Device.LocalAgent.UpTime")))
                .addCreatedObjResults(failed(requested, ErrorCode.DUPLICATE_UNIQUE_KEY))
                .build());
        assertThat(instances(controller, CTRLS + "1.BootParameter.")).hasSize(1);
        assertThat(instances(controller, CTRLS + "2.BootParameter.")).containsExactly(CTRLS + "2.BootParameter.1.");
    }

    @Test
    void searchParentMatchingTwoWithAllowPartialFalseIsAllOrNothing() {
        controllerEntry(controller, "proto::ctrl-a", "ctrl-a", true);
        controllerEntry(controller, "proto::ctrl-b", "ctrl-b", true);
        create(controller, CTRLS + "2.BootParameter.", Map.of("ParameterName", "Device.LocalAgent.UpTime"));

        Error err = addError(add(false,
                obj(CTRLS + "*.BootParameter.", p("ParameterName", "Device.LocalAgent.UpTime", false))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.DUPLICATE_UNIQUE_KEY,
                perr(CTRLS + "2.BootParameter.2.ParameterName", ErrorCode.DUPLICATE_UNIQUE_KEY)));
        assertThat(instances(controller, CTRLS + "1.BootParameter.")).as("R-ADD.2a: nothing changes").isEmpty();
        assertThat(instances(controller, CTRLS + "2.BootParameter.")).hasSize(1);
    }

    @Test
    void duplicateKeysAcrossTwoAddsOfOneMessageFailTheMessage() {
        Error err = addError(add(false, subscriptionObj("same", true), subscriptionObj("same", true)));

        assertThat(err.getErrCode()).isEqualTo(ErrorCode.DUPLICATE_UNIQUE_KEY.code());
        assertThat(err.getParamErrsList()).extracting(Error.ParamError::getParamPath)
                .containsExactlyInAnyOrder(SUBS + "1.Recipient", SUBS + "1.ID");
        assertThat(err.getParamErrsList()).extracting(Error.ParamError::getErrCode)
                .containsOnly(ErrorCode.DUPLICATE_UNIQUE_KEY.code());
        assertThat(instances(controller, SUBS)).isEmpty();
    }

    @Test
    void duplicateKeyWithAllowPartialTrueFailsOnlyTheSecondAdd() {
        AddResp resp = addResp(add(true, subscriptionObj("same", true), subscriptionObj("same", true)));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(SUBS, SUBS + "1.", subKeys("same", 1)))
                .addCreatedObjResults(failed(SUBS, ErrorCode.DUPLICATE_UNIQUE_KEY))
                .build());
        assertThat(instances(controller, SUBS)).containsExactly(SUBS + "1.");
    }

    @Test
    void keyClashWithAnExistingInstanceIsCaught() {
        subscription(controller, "taken", Map.of());

        AddResp resp = addResp(add(true, subscriptionObj("taken", true)));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(failed(SUBS, ErrorCode.DUPLICATE_UNIQUE_KEY))
                .build());
        assertThat(instances(controller, SUBS)).hasSize(1);
    }

    @Test
    void laterObjectsOfAnAtomicAddSeeEarlierOnes() {
        // The second path addresses the Controller the first one creates in the same message.
        String requested = CTRLS + "[EndpointID==\"proto::new\"].BootParameter.";
        AddResp resp = addResp(add(false,
                obj(CTRLS, p("EndpointID", "proto::new", true)),
                obj(requested, p("ParameterName", "Device.LocalAgent.UpTime", true))));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(created(CTRLS, CTRLS + "1.",
                        Map.of("Alias", "cpe-1", "EndpointID", "proto::new")))
                .addCreatedObjResults(created(requested, CTRLS + "1.BootParameter.1.",
                        Map.of("Alias", "cpe-1", "ParameterName", "Device.LocalAgent.UpTime")))
                .build());
        assertThat(value(controller, CTRLS + "1.BootParameter.1.ParameterName")).isEqualTo("Device.LocalAgent.UpTime");
    }

    @Test
    void searchParentMatchingNothingSucceedsEmpty() {
        String requested = CTRLS + "[Enable==true].BootParameter.";

        assertThat(addResp(add(false, obj(requested, p("Enable", "true", true)))))
                .isEqualTo(AddResp.newBuilder().addCreatedObjResults(emptySuccess(requested)).build());
        assertThat(addResp(add(true, obj(requested, p("Enable", "true", true)))))
                .isEqualTo(AddResp.newBuilder().addCreatedObjResults(emptySuccess(requested)).build());
    }

    @Test
    void missingParentInstanceIs7016() {
        String requested = CTRLS + "7.BootParameter.";

        assertThat(addResp(add(true, obj(requested))))
                .isEqualTo(AddResp.newBuilder().addCreatedObjResults(failed(requested, ErrorCode.OBJECT_DOES_NOT_EXIST)).build());
        assertThat(addError(add(false, obj(requested))))
                .isEqualTo(errorOf(ErrorCode.OBJECT_DOES_NOT_EXIST, perr(requested, ErrorCode.OBJECT_DOES_NOT_EXIST)));
    }

    @Test
    void pathsThatAreNotCreatableTablesFail() {
        String request = "Device.LocalAgent.Request.";
        String single = "Device.LocalAgent.";
        String param = "Device.LocalAgent.EndpointID";
        String bad = "Device.LocalAgent.Subscription.[";
        subscription(controller, "s1", Map.of());
        String instance = SUBS + "1.";

        AddResp resp = addResp(add(true, obj(request), obj(single), obj(param), obj(bad), obj(instance)));

        assertThat(resp).isEqualTo(AddResp.newBuilder()
                .addCreatedObjResults(failed(request, ErrorCode.OBJECT_NOT_CREATABLE))
                .addCreatedObjResults(failed(single, ErrorCode.OBJECT_NOT_A_TABLE))
                .addCreatedObjResults(failed(param, ErrorCode.INVALID_PATH))
                .addCreatedObjResults(failed(bad, ErrorCode.INVALID_PATH_SYNTAX))
                .addCreatedObjResults(failed(instance, ErrorCode.OBJECT_NOT_A_TABLE))
                .build());
        assertThat(instances(controller, "Device.LocalAgent.Request.")).isEmpty();
    }

    @Test
    void atomicErrorListsEveryFailure() {
        Error err = addError(add(false,
                obj("Device.LocalAgent.Request."),
                obj(SUBS, p("Enable", "nope", true), p("NotifRetry", "nope", true))));

        assertThat(err).isEqualTo(errorOf(ErrorCode.OBJECT_NOT_CREATABLE,
                perr("Device.LocalAgent.Request.", ErrorCode.OBJECT_NOT_CREATABLE),
                perr(SUBS + "Enable", ErrorCode.INVALID_TYPE),
                perr(SUBS + "NotifRetry", ErrorCode.INVALID_TYPE)));
    }

    @Test
    void aRolledBackAddLeavesNoTrace() {
        addError(add(false, subscriptionObj("gone", true), obj("Device.LocalAgent.InvalidObject.")));

        assertThat(value(controller, "Device.LocalAgent.SubscriptionNumberOfEntries")).isEqualTo("0");
        AddResp resp = addResp(add(false, subscriptionObj("kept", true)));
        String path = resp.getCreatedObjResults(0).getOperStatus().getOperSuccess().getInstantiatedPath();
        assertThat(instances(controller, SUBS)).containsExactly(path);
        assertThat(value(controller, path + "ID")).isEqualTo("kept");
    }

    @Test
    void writesTheValuesTheAgentSuppliesThroughTheHook() {
        // The subscription engine will fill Recipient this way; here a fixed hook shows the plumbing.
        io.usp4j.datamodel.instance.DataModel model = io.usp4j.datamodel.instance.DataModel
                .builder(io.usp4j.datamodel.xml.AgentModels.usp()).build();
        controllerEntryDirect(model);
        RequestContext ctx = new RequestContext(TestController.AGENT_ID, TestController.CONTROLLER_ID, "m1", model,
                java.time.Clock.systemUTC(), Runnable::run, io.usp4j.agent.notify.NotificationSink.NONE);
        AddHandler handler = new AddHandler((c, table) -> table.equals(SUBS)
                ? Map.of("Recipient", CTRLS + "1") : Map.of());

        AddResp resp = handler.handle(ctx, add(false, subscriptionObj("hooked", true))).getAddResp();

        Map<String, String> keys = new LinkedHashMap<>(subKeys("hooked", 1));
        keys.put("Recipient", CTRLS + "1");
        assertThat(resp).isEqualTo(AddResp.newBuilder().addCreatedObjResults(created(SUBS, SUBS + "1.", keys)).build());
        assertThat(model.view().value(SUBS + "1.Recipient")).isEqualTo(CTRLS + "1");
    }

    private static void controllerEntryDirect(io.usp4j.datamodel.instance.DataModel model) {
        io.usp4j.datamodel.instance.Transaction tx = model.begin();
        tx.add(CTRLS, List.of(io.usp4j.datamodel.instance.ParamSetting.of("EndpointID", "proto::test-controller")));
        tx.commit();
    }
}
