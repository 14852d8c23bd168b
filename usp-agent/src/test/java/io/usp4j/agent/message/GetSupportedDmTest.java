package io.usp4j.agent.message;

import static io.usp4j.agent.message.GetTestSupport.LA;
import static io.usp4j.agent.message.GetTestSupport.V;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.CmdType.CMD_ASYNC;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.CmdType.CMD_SYNC;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ObjAccessType.OBJ_ADD_DELETE;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ObjAccessType.OBJ_READ_ONLY;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamAccessType.PARAM_READ_WRITE;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamAccessType.PARAM_WRITE_ONLY;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamValueType.PARAM_BOOLEAN;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamValueType.PARAM_DATE_TIME;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamValueType.PARAM_HEX_BINARY;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamValueType.PARAM_INT;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamValueType.PARAM_STRING;
import static io.usp4j.core.proto.msg.GetSupportedDMResp.ParamValueType.PARAM_UNSIGNED_INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.proto.msg.GetSupportedDM;
import io.usp4j.core.proto.msg.GetSupportedDMResp;
import io.usp4j.core.proto.msg.GetSupportedDMResp.ObjAccessType;
import io.usp4j.core.proto.msg.GetSupportedDMResp.ParamAccessType;
import io.usp4j.core.proto.msg.GetSupportedDMResp.ParamValueType;
import io.usp4j.core.proto.msg.GetSupportedDMResp.SupportedObjectResult;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.xml.DataModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GetSupportedDM: TP-469 1.72–1.77, 1.97–1.99 and 1.105–1.107, plus Instantiated Data Model paths, the
 * value mapping (access, base types, lists, value_change, write-only, writeOnceReadOnly), errors, and TR-181
 * when the shared test data is present.
 */
class GetSupportedDmTest {
    private GetTestSupport agent;

    @BeforeEach
    void start() {
        agent = GetTestSupport.start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    // ------------------------------------------------------------------ requests and expected results

    private static GetSupportedDM.Builder request(boolean firstLevelOnly, boolean commands, boolean events,
            boolean params, boolean keys, String... paths) {
        return GetSupportedDM.newBuilder().addAllObjPaths(List.of(paths)).setFirstLevelOnly(firstLevelOnly)
                .setReturnCommands(commands).setReturnEvents(events).setReturnParams(params)
                .setReturnUniqueKeySets(keys);
    }

    private GetSupportedDMResp gsdm(GetSupportedDM.Builder request) {
        return agent.getSupportedDm(request).getBody().getResponse().getGetSupportedDmResp();
    }

    private static GetSupportedDMResp resp(GetSupportedDMResp.RequestedObjectResult... results) {
        return GetSupportedDMResp.newBuilder().addAllReqObjResults(List.of(results)).build();
    }

    private static GetSupportedDMResp.RequestedObjectResult ok(String requested, SupportedObjectResult.Builder... objs) {
        GetSupportedDMResp.RequestedObjectResult.Builder b =
                GetSupportedDMResp.RequestedObjectResult.newBuilder().setReqObjPath(requested);
        for (SupportedObjectResult.Builder o : objs) {
            b.addSupportedObjs(o);
        }
        return b.build();
    }

    private static GetSupportedDMResp.RequestedObjectResult failed(String requested, int code, String message) {
        return GetSupportedDMResp.RequestedObjectResult.newBuilder().setReqObjPath(requested).setErrCode(code)
                .setErrMsg(message).build();
    }

    private static SupportedObjectResult.Builder obj(String path, ObjAccessType access, boolean multi) {
        return SupportedObjectResult.newBuilder().setSupportedObjPath(path).setAccess(access).setIsMultiInstance(multi);
    }

    private static GetSupportedDMResp.SupportedParamResult param(String name, ParamAccessType access,
            ParamValueType type) {
        return GetSupportedDMResp.SupportedParamResult.newBuilder().setParamName(name).setAccess(access)
                .setValueType(type).setValueChange(GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_ALLOWED).build();
    }

    private static GetSupportedDMResp.SupportedParamResult ignored(String name, ParamAccessType access,
            ParamValueType type) {
        return param(name, access, type).toBuilder()
                .setValueChange(GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_WILL_IGNORE).build();
    }

    private static GetSupportedDMResp.SupportedCommandResult command(String name, GetSupportedDMResp.CmdType type,
            List<String> input, List<String> output) {
        return GetSupportedDMResp.SupportedCommandResult.newBuilder().setCommandName(name).setCommandType(type)
                .addAllInputArgNames(input).addAllOutputArgNames(output).build();
    }

    private static GetSupportedDMResp.SupportedEventResult event(String name, String... args) {
        return GetSupportedDMResp.SupportedEventResult.newBuilder().setEventName(name).addAllArgNames(List.of(args))
                .build();
    }

    private static GetSupportedDMResp.SupportedUniqueKeySet keys(String... names) {
        return GetSupportedDMResp.SupportedUniqueKeySet.newBuilder().addAllKeyNames(List.of(names)).build();
    }

    private static String errMsg(GetSupportedDMResp resp, int i) {
        return resp.getReqObjResults(i).getErrMsg();
    }

    private static List<String> objPaths(GetSupportedDMResp.RequestedObjectResult r) {
        List<String> out = new ArrayList<>();
        r.getSupportedObjsList().forEach(o -> out.add(o.getSupportedObjPath()));
        return out;
    }

    // ------------------------------------------------------------------ the agent's own objects, written out

    /** Device.LocalAgent. with its parameters, commands and events. */
    private static SupportedObjectResult.Builder localAgent() {
        return obj(LA, OBJ_READ_ONLY, false)
                .addSupportedParams(param("EndpointID", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(param("SoftwareVersion", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(ignored("UpTime", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("SupportedProtocols", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(param("SupportedFingerprintAlgorithms", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(param("SupportedThresholdOperator", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(param("AdvertisedDeviceSubtypes", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("MaxSubscriptionChangeAdoptionTime", PARAM_READ_WRITE, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("SupportedNumberOfSubscriptions", PARAM_READ_ONLY, PARAM_INT))
                .addSupportedParams(param("MTPNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("ControllerNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("CertificateNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("SubscriptionNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("RequestNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedCommands(command("AddCertificate()", CMD_SYNC, List.of("Alias", "Certificate"), List.of()))
                .addSupportedEvents(event("Periodic!"))
                .addSupportedEvents(event("WakeUp!"))
                .addSupportedEvents(event("TransferComplete!", "Command", "CommandKey", "Requestor", "TransferType",
                        "Affected", "TransferURL", "StartTime", "CompleteTime", "FaultCode", "FaultString"));
    }

    /** Device.LocalAgent.Subscription.{i}. with its parameters (it has no commands or events). */
    private static SupportedObjectResult.Builder subscription() {
        return obj(LA + "Subscription.{i}.", OBJ_ADD_DELETE, true)
                .addSupportedParams(param("Alias", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("Enable", PARAM_READ_WRITE, PARAM_BOOLEAN))
                .addSupportedParams(param("Recipient", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(param("TriggerAction", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("TriggerConfigSettings", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("ID", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("CreationDate", PARAM_READ_ONLY, PARAM_DATE_TIME))
                .addSupportedParams(param("NotifType", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("ReferenceList", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("Persistent", PARAM_READ_WRITE, PARAM_BOOLEAN))
                .addSupportedParams(param("TimeToLive", PARAM_READ_WRITE, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("NotifRetry", PARAM_READ_WRITE, PARAM_BOOLEAN))
                .addSupportedParams(param("NotifExpiration", PARAM_READ_WRITE, PARAM_UNSIGNED_INT));
    }

    /** Device.LocalAgent.Controller.{i}. with its parameters and commands. */
    private static SupportedObjectResult.Builder controller() {
        return obj(LA + "Controller.{i}.", OBJ_ADD_DELETE, true)
                .addSupportedParams(param("Alias", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("EndpointID", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("ControllerCode", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("ProvisioningCode", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("Enable", PARAM_READ_WRITE, PARAM_BOOLEAN))
                .addSupportedParams(param("AssignedRole", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("InheritedRole", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(param("Credential", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("PeriodicNotifInterval", PARAM_READ_WRITE, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("PeriodicNotifTime", PARAM_READ_WRITE, PARAM_DATE_TIME))
                .addSupportedParams(param("USPNotifRetryMinimumWaitInterval", PARAM_READ_WRITE, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("USPNotifRetryIntervalMultiplier", PARAM_READ_WRITE, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("OnBoardingComplete", PARAM_READ_WRITE, PARAM_BOOLEAN))
                .addSupportedParams(param("OnBoardingRestartTime", PARAM_READ_WRITE, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("MTPNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedParams(param("BootParameterNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                .addSupportedCommands(command("SendOnBoardRequest()", CMD_SYNC, List.of(), List.of()))
                .addSupportedCommands(command("AddMyCertificate()", CMD_SYNC, List.of("Alias", "Certificate"), List.of()));
    }

    /** Device.LocalAgent.MTP.{i}. with its parameters. */
    private static SupportedObjectResult.Builder agentMtp() {
        return obj(LA + "MTP.{i}.", OBJ_ADD_DELETE, true)
                .addSupportedParams(param("Alias", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("Enable", PARAM_READ_WRITE, PARAM_BOOLEAN))
                .addSupportedParams(param("Status", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedParams(param("Protocol", PARAM_READ_WRITE, PARAM_STRING))
                .addSupportedParams(param("EnableMDNS", PARAM_READ_WRITE, PARAM_BOOLEAN));
    }

    /** Every object of Device.LocalAgent., depth first in document order. */
    private static final List<String> LOCAL_AGENT_OBJECTS = List.of(LA,
            LA + "MTP.{i}.", LA + "MTP.{i}.WebSocket.", LA + "MTP.{i}.STOMP.", LA + "MTP.{i}.MQTT.", LA + "MTP.{i}.UDS.",
            LA + "Controller.{i}.", LA + "Controller.{i}.MTP.{i}.", LA + "Controller.{i}.MTP.{i}.WebSocket.",
            LA + "Controller.{i}.MTP.{i}.STOMP.", LA + "Controller.{i}.MTP.{i}.MQTT.", LA + "Controller.{i}.MTP.{i}.UDS.",
            LA + "Controller.{i}.E2ESession.", LA + "Controller.{i}.BootParameter.{i}.",
            LA + "Controller.{i}.TransferCompletePolicy.",
            LA + "Certificate.{i}.",
            LA + "ControllerTrust.", LA + "ControllerTrust.Role.{i}.", LA + "ControllerTrust.Role.{i}.Permission.{i}.",
            LA + "ControllerTrust.Credential.{i}.", LA + "ControllerTrust.Challenge.{i}.",
            LA + "Subscription.{i}.", LA + "Request.{i}.");

    // ------------------------------------------------------------------ TP-469 1.72 - 1.77

    @Test
    void tp469_1_72_singleObjectAllLevelsAllOptions() {
        GetSupportedDMResp resp = gsdm(request(false, true, true, true, true, LA));
        GetSupportedDMResp.RequestedObjectResult r = resp.getReqObjResults(0);
        assertThat(resp.getReqObjResultsCount()).isEqualTo(1);
        assertThat(r.getErrCode()).isZero();
        assertThat(r.getDataModelInstUri()).isEmpty();
        assertThat(objPaths(r)).containsExactlyElementsOf(LOCAL_AGENT_OBJECTS);
        assertThat(r.getSupportedObjs(0)).isEqualTo(localAgent().build());
        assertThat(r.getSupportedObjs(LOCAL_AGENT_OBJECTS.indexOf(LA + "Subscription.{i}.")))
                .isEqualTo(subscription().addUniqueKeySets(keys("Alias")).addUniqueKeySets(keys("Recipient", "ID")).build());
        assertThat(r.getSupportedObjs(LOCAL_AGENT_OBJECTS.indexOf(LA + "Controller.{i}.")))
                .isEqualTo(controller().addUniqueKeySets(keys("EndpointID")).addUniqueKeySets(keys("Alias")).build());
        // every object below carries all its parameters, commands and events
        SupportedDataModel model = agent.controller.agent().dataModel().supported();
        for (SupportedObjectResult o : r.getSupportedObjsList()) {
            ObjectDef def = model.object(o.getSupportedObjPath()).orElseThrow();
            assertThat(o.getSupportedParamsList()).extracting(GetSupportedDMResp.SupportedParamResult::getParamName)
                    .as(o.getSupportedObjPath()).containsExactlyElementsOf(def.parameters().keySet());
            assertThat(o.getSupportedCommandsList()).extracting(GetSupportedDMResp.SupportedCommandResult::getCommandName)
                    .containsExactlyElementsOf(def.commands().keySet());
            assertThat(o.getSupportedEventsList()).extracting(GetSupportedDMResp.SupportedEventResult::getEventName)
                    .containsExactlyElementsOf(def.events().keySet());
            assertThat(o.getUniqueKeySetsCount()).isEqualTo(def.uniqueKeys().size());
            assertThat(o.getIsMultiInstance()).isEqualTo(def.isMultiInstance());
            assertThat(o.getDivergentPathsList()).isEmpty();
        }
    }

    @Test
    void tp469_1_73_singleObjectFirstLevelAllOptions() {
        assertThat(gsdm(request(true, true, true, true, false, LA))).isEqualTo(resp(ok(LA,
                localAgent(),
                obj(LA + "MTP.{i}.", OBJ_ADD_DELETE, true),
                obj(LA + "Controller.{i}.", OBJ_ADD_DELETE, true),
                obj(LA + "Certificate.{i}.", OBJ_READ_ONLY, true),
                obj(LA + "ControllerTrust.", OBJ_READ_ONLY, false),
                obj(LA + "Subscription.{i}.", OBJ_ADD_DELETE, true),
                obj(LA + "Request.{i}.", OBJ_READ_ONLY, true))));
    }

    @Test
    void tp469_1_74_singleObjectFirstLevelNoOptions() {
        assertThat(gsdm(request(true, false, false, false, false, LA))).isEqualTo(resp(ok(LA,
                obj(LA, OBJ_READ_ONLY, false),
                obj(LA + "MTP.{i}.", OBJ_ADD_DELETE, true),
                obj(LA + "Controller.{i}.", OBJ_ADD_DELETE, true),
                obj(LA + "Certificate.{i}.", OBJ_READ_ONLY, true),
                obj(LA + "ControllerTrust.", OBJ_READ_ONLY, false),
                obj(LA + "Subscription.{i}.", OBJ_ADD_DELETE, true),
                obj(LA + "Request.{i}.", OBJ_READ_ONLY, true))));
    }

    @Test
    void tp469_1_75_multipleObjectsFirstLevelAllOptions() {
        assertThat(gsdm(request(true, true, true, true, true, LA + "Controller.", LA + "MTP."))).isEqualTo(resp(
                ok(LA + "Controller.",
                        controller().addUniqueKeySets(keys("EndpointID")).addUniqueKeySets(keys("Alias")),
                        obj(LA + "Controller.{i}.MTP.{i}.", OBJ_ADD_DELETE, true)
                                .addUniqueKeySets(keys("Protocol")).addUniqueKeySets(keys("Alias")),
                        obj(LA + "Controller.{i}.E2ESession.", OBJ_READ_ONLY, false),
                        obj(LA + "Controller.{i}.BootParameter.{i}.", OBJ_ADD_DELETE, true)
                                .addUniqueKeySets(keys("ParameterName")).addUniqueKeySets(keys("Alias")),
                        obj(LA + "Controller.{i}.TransferCompletePolicy.", OBJ_READ_ONLY, false)),
                ok(LA + "MTP.",
                        agentMtp().addUniqueKeySets(keys("Alias")),
                        obj(LA + "MTP.{i}.WebSocket.", OBJ_READ_ONLY, false),
                        obj(LA + "MTP.{i}.STOMP.", OBJ_READ_ONLY, false),
                        obj(LA + "MTP.{i}.MQTT.", OBJ_READ_ONLY, false),
                        obj(LA + "MTP.{i}.UDS.", OBJ_READ_ONLY, false))));
    }

    @Test
    void tp469_1_76_rootObjectAllOptions() {
        GetSupportedDMResp resp = gsdm(request(false, true, true, true, true, "Device."));
        SupportedDataModel model = agent.controller.agent().dataModel().supported();
        GetSupportedDMResp.RequestedObjectResult r = resp.getReqObjResults(0);
        assertThat(r.getErrCode()).isZero();
        assertThat(objPaths(r)).containsExactlyInAnyOrderElementsOf(
                model.objects().stream().map(ObjectDef::path).toList());
        assertThat(r.getSupportedObjs(0)).isEqualTo(obj("Device.", OBJ_READ_ONLY, false)
                .addSupportedParams(param("RootDataModelVersion", PARAM_READ_ONLY, PARAM_STRING))
                .addSupportedCommands(command("Reboot()", CMD_SYNC, List.of("Cause", "Reason"), List.of()))
                .addSupportedCommands(command("FactoryReset()", CMD_SYNC, List.of("Cause", "Reason"), List.of()))
                .addSupportedCommands(command("ScheduleTimer()", CMD_ASYNC, List.of("DelaySeconds"), List.of()))
                .addSupportedEvents(event("Boot!", "CommandKey", "Cause", "Reason", "FirmwareUpdated", "ParameterMap"))
                .build());
        // parents come before their children
        List<String> seen = new ArrayList<>();
        for (SupportedObjectResult o : r.getSupportedObjsList()) {
            model.object(o.getSupportedObjPath()).orElseThrow().parentPath().ifPresent(p -> assertThat(seen).contains(p));
            seen.add(o.getSupportedObjPath());
        }
        int params = r.getSupportedObjsList().stream().mapToInt(SupportedObjectResult::getSupportedParamsCount).sum();
        assertThat(params).isEqualTo(model.parameterCount());
    }

    @Test
    void tp469_1_77_unsupportedObject() {
        GetSupportedDMResp resp = gsdm(request(false, true, true, true, false, LA + "UnsupportedObject."));
        assertThat(resp).isEqualTo(resp(failed(LA + "UnsupportedObject.", 7026, errMsg(resp, 0))));
        assertThat(agent.getSupportedDm(request(false, true, true, true, false, LA + "UnsupportedObject."))
                .getHeader().getMsgType()).isEqualTo(Header.MsgType.GET_SUPPORTED_DM_RESP);
    }

    // ------------------------------------------------------------------ TP-469 1.97 - 1.99, 1.105 - 1.107

    @Test
    void tp469_1_97_rootObjectCommandsOnly() {
        GetSupportedDMResp.RequestedObjectResult r = gsdm(request(false, true, false, false, false, "Device."))
                .getReqObjResults(0);
        List<GetSupportedDMResp.SupportedCommandResult> commands = new ArrayList<>();
        for (SupportedObjectResult o : r.getSupportedObjsList()) {
            assertThat(o.getSupportedParamsList()).isEmpty();
            assertThat(o.getSupportedEventsList()).isEmpty();
            assertThat(o.getUniqueKeySetsList()).isEmpty();
            commands.addAll(o.getSupportedCommandsList());
        }
        assertThat(commands).allSatisfy(c -> assertThat(c.getCommandType()).isIn(CMD_SYNC, CMD_ASYNC));
        assertThat(commands).contains(
                command("ScheduleTimer()", CMD_ASYNC, List.of("DelaySeconds"), List.of()),
                command("Scan()", CMD_ASYNC, List.of("Band"), List.of("Status", "Result.{i}.SSID", "Result.{i}.Channel")),
                command("GetFingerprint()", CMD_SYNC, List.of("FingerprintAlgorithm"), List.of("Fingerprint")));
        assertThat(r.getSupportedObjsList()).filteredOn(o -> o.getSupportedObjPath().equals(V)).singleElement()
                .isEqualTo(obj(V, OBJ_READ_ONLY, false).addSupportedCommands(command("Scan()", CMD_ASYNC,
                        List.of("Band"), List.of("Status", "Result.{i}.SSID", "Result.{i}.Channel"))).build());
    }

    @Test
    void tp469_1_98_rootObjectEventsOnly() {
        GetSupportedDMResp.RequestedObjectResult r = gsdm(request(false, false, true, false, false, "Device."))
                .getReqObjResults(0);
        List<GetSupportedDMResp.SupportedEventResult> events = new ArrayList<>();
        for (SupportedObjectResult o : r.getSupportedObjsList()) {
            assertThat(o.getSupportedParamsList()).isEmpty();
            assertThat(o.getSupportedCommandsList()).isEmpty();
            events.addAll(o.getSupportedEventsList());
        }
        // depth first in document order: the vendor object was defined before the agent merged its own
        assertThat(events).containsExactly(
                event("Boot!", "CommandKey", "Cause", "Reason", "FirmwareUpdated", "ParameterMap"),
                event("Alarm!", "Level"),
                event("Periodic!"),
                event("WakeUp!"),
                event("TransferComplete!", "Command", "CommandKey", "Requestor", "TransferType", "Affected",
                        "TransferURL", "StartTime", "CompleteTime", "FaultCode", "FaultString"));
    }

    @Test
    void tp469_1_99_uniqueKeySetsOnly() {
        String path = LA + "Subscription";   // without its final dot, as TP-469 1.99 writes it
        assertThat(gsdm(request(false, false, false, false, true, path, LA + "Subscription.{i}."))).isEqualTo(resp(
                ok(path, obj(LA + "Subscription.{i}.", OBJ_ADD_DELETE, true)
                        .addUniqueKeySets(keys("Alias")).addUniqueKeySets(keys("Recipient", "ID"))),
                ok(LA + "Subscription.{i}.", obj(LA + "Subscription.{i}.", OBJ_ADD_DELETE, true)
                        .addUniqueKeySets(keys("Alias")).addUniqueKeySets(keys("Recipient", "ID")))));
    }

    @Test
    void tp469_1_105_command() {
        assertThat(gsdm(request(false, true, true, true, true, "Device.Reboot()"))).isEqualTo(resp(ok("Device.Reboot()",
                obj("Device.", OBJ_READ_ONLY, false)
                        .addSupportedCommands(command("Reboot()", CMD_SYNC, List.of("Cause", "Reason"), List.of())))));
    }

    @Test
    void tp469_1_106_event() {
        assertThat(gsdm(request(true, false, false, false, false, "Device.Boot!"))).isEqualTo(resp(ok("Device.Boot!",
                obj("Device.", OBJ_READ_ONLY, false).addSupportedEvents(
                        event("Boot!", "CommandKey", "Cause", "Reason", "FirmwareUpdated", "ParameterMap")))));
    }

    @Test
    void tp469_1_107_parameter() {
        assertThat(gsdm(request(false, true, true, true, true, LA + "EndpointID"))).isEqualTo(resp(ok(LA + "EndpointID",
                obj(LA, OBJ_READ_ONLY, false).addSupportedParams(param("EndpointID", PARAM_READ_ONLY, PARAM_STRING)))));
    }

    // ------------------------------------------------------------------ beyond TP-469

    @Test
    void supportedAndInstantiatedFormsAreEquivalent() {
        agent.add(LA + "Controller.1.MTP.", "Protocol", "MQTT");
        GetSupportedDM.Builder req = request(true, false, false, true, true,
                LA + "Controller.{i}.MTP.{i}.", LA + "Controller.{i}.MTP.", LA + "Controller.1.MTP.",
                LA + "Controller.1.MTP.1.", LA + "Controller.1.MTP.{i}.", LA + "Controller.1.MTP.1.Protocol",
                LA + "Controller.1.MTP.1");
        GetSupportedDMResp resp = gsdm(req);
        assertThat(resp.getReqObjResultsCount()).isEqualTo(7);
        GetSupportedDMResp.RequestedObjectResult first = resp.getReqObjResults(0);
        assertThat(objPaths(first)).containsExactly(LA + "Controller.{i}.MTP.{i}.",
                LA + "Controller.{i}.MTP.{i}.WebSocket.", LA + "Controller.{i}.MTP.{i}.STOMP.",
                LA + "Controller.{i}.MTP.{i}.MQTT.", LA + "Controller.{i}.MTP.{i}.UDS.");
        for (int i : new int[] {1, 2, 3, 4, 6}) {
            assertThat(resp.getReqObjResults(i).getSupportedObjsList()).as(req.getObjPaths(i))
                    .isEqualTo(first.getSupportedObjsList());
            assertThat(resp.getReqObjResults(i).getErrCode()).isZero();
        }
        assertThat(resp.getReqObjResults(5)).isEqualTo(ok(LA + "Controller.1.MTP.1.Protocol",
                obj(LA + "Controller.{i}.MTP.{i}.", OBJ_ADD_DELETE, true)
                        .addSupportedParams(param("Protocol", PARAM_READ_WRITE, PARAM_STRING))));
    }

    @Test
    void instantiatedPathsMustExist() {
        GetSupportedDMResp resp = gsdm(request(true, false, false, false, false,
                LA + "Controller.9.", LA + "Controller.1.MTP.1.", LA + "Controller.1.MTP.", LA + "Subscription.3.ID",
                LA + "Controller.9.SendOnBoardRequest()"));
        assertThat(resp).isEqualTo(resp(
                failed(LA + "Controller.9.", 7016, errMsg(resp, 0)),
                failed(LA + "Controller.1.MTP.1.", 7016, errMsg(resp, 1)),
                ok(LA + "Controller.1.MTP.", obj(LA + "Controller.{i}.MTP.{i}.", OBJ_ADD_DELETE, true),
                        obj(LA + "Controller.{i}.MTP.{i}.WebSocket.", OBJ_READ_ONLY, false),
                        obj(LA + "Controller.{i}.MTP.{i}.STOMP.", OBJ_READ_ONLY, false),
                        obj(LA + "Controller.{i}.MTP.{i}.MQTT.", OBJ_READ_ONLY, false),
                        obj(LA + "Controller.{i}.MTP.{i}.UDS.", OBJ_READ_ONLY, false)),
                failed(LA + "Subscription.3.ID", 7016, errMsg(resp, 3)),
                failed(LA + "Controller.9.SendOnBoardRequest()", 7016, errMsg(resp, 4))));
        assertThat(errMsg(resp, 1)).contains(LA + "Controller.1.MTP.1.");
    }

    @Test
    void errorsPerPath() {
        GetSupportedDMResp resp = gsdm(request(false, true, true, true, true,
                LA + "Controller.{i}.1.", LA + "Subscription.*.", LA + "Subscription.[Enable==true].",
                "Device..", LA + "Nope", "Device.Nope()", "Device.Nope!", LA + "EndpointID.", "Nope.", "Device.Reboot"));
        assertThat(resp).isEqualTo(resp(
                failed(LA + "Controller.{i}.1.", 7008, errMsg(resp, 0)),
                failed(LA + "Subscription.*.", 7008, errMsg(resp, 1)),
                failed(LA + "Subscription.[Enable==true].", 7008, errMsg(resp, 2)),
                failed("Device..", 7008, errMsg(resp, 3)),
                failed(LA + "Nope", 7026, errMsg(resp, 4)),
                failed("Device.Nope()", 7026, errMsg(resp, 5)),
                failed("Device.Nope!", 7026, errMsg(resp, 6)),
                failed(LA + "EndpointID.", 7026, errMsg(resp, 7)),
                failed("Nope.", 7026, errMsg(resp, 8)),
                failed("Device.Reboot", 7026, errMsg(resp, 9))));
    }

    @Test
    void valueMappingOfTheVendorObject() {
        assertThat(gsdm(request(true, true, true, true, true, V))).isEqualTo(resp(ok(V,
                obj(V, OBJ_READ_ONLY, false)
                        .addSupportedParams(param("Name", PARAM_READ_ONLY, PARAM_STRING))
                        .addSupportedParams(param("Secret", PARAM_READ_WRITE, PARAM_STRING))
                        .addSupportedParams(param("Hidden", PARAM_READ_WRITE, PARAM_STRING))
                        .addSupportedParams(param("Key", PARAM_WRITE_ONLY, PARAM_HEX_BINARY))
                        .addSupportedParams(param("Broken", PARAM_READ_ONLY, PARAM_STRING))
                        .addSupportedParams(ignored("Counter", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                        .addSupportedParams(param("Peer", PARAM_READ_WRITE, PARAM_STRING))
                        .addSupportedParams(param("OuterNumberOfEntries", PARAM_READ_ONLY, PARAM_UNSIGNED_INT))
                        .addSupportedParams(param("Tags", PARAM_READ_WRITE, PARAM_STRING))
                        .addSupportedParams(param("Serial", PARAM_READ_WRITE, PARAM_STRING))
                        .addSupportedCommands(command("Scan()", CMD_ASYNC, List.of("Band"),
                                List.of("Status", "Result.{i}.SSID", "Result.{i}.Channel")))
                        .addSupportedEvents(event("Alarm!", "Level")),
                obj(V + "Empty.", OBJ_READ_ONLY, false),
                obj(V + "Outer.{i}.", OBJ_ADD_DELETE, true)
                        .addUniqueKeySets(keys("Name")).addUniqueKeySets(keys("Alias")))));
    }

    @Test
    void objectWithoutElementsListsEmptyLists() {
        assertThat(gsdm(request(false, true, true, true, true, V + "Empty."))).isEqualTo(resp(ok(V + "Empty.",
                obj(V + "Empty.", OBJ_READ_ONLY, false))));
    }

    @Test
    void anEmptyRequestGetsAnEmptyResponse() {
        assertThat(gsdm(GetSupportedDM.newBuilder())).isEqualTo(resp());
    }

    // ------------------------------------------------------------------ TR-181

    /** The shared TR-181 2.16 document, or a skipped test when the folder is absent. */
    private static SupportedDataModel tr181() throws IOException {
        String prop = System.getProperty("usp4j.shared.dir");
        Path dir = prop != null ? Path.of(prop).resolve("datamodels")
                : Path.of("").toAbsolutePath().getParent().resolve("../shared/datamodels").normalize();
        assumeTrue(Files.isRegularFile(dir.resolve("tr-181-2-16-0-usp-full.xml")),
                "TR-181 test data not found in " + dir + ": set -Dusp4j.shared.dir");
        return DataModelLoader.builder().library(dir.resolve("tr-106-types.xml")).build()
                .load(dir.resolve("tr-181-2-16-0-usp-full.xml"));
    }

    @Test
    void tr181SubtreeMatchesTheLoadedModel() throws IOException {
        SupportedDataModel tr181 = tr181();
        try (TestController c = TestController.start(b -> b.supportedDataModel(tr181))) {
            Msg answer = c.send(Request.newBuilder().setGetSupportedDm(
                    request(false, true, true, true, true, "Device.IP.Interface.")).build());
            GetSupportedDMResp.RequestedObjectResult r =
                    answer.getBody().getResponse().getGetSupportedDmResp().getReqObjResults(0);
            SupportedDataModel merged = c.agent().dataModel().supported();
            assertThat(r.getErrCode()).isZero();
            assertThat(objPaths(r)).containsExactlyInAnyOrderElementsOf(merged.objects().stream()
                    .map(ObjectDef::path).filter(p -> p.startsWith("Device.IP.Interface.{i}.")).toList());
            SupportedObjectResult iface = r.getSupportedObjs(0);
            assertThat(iface.getSupportedObjPath()).isEqualTo("Device.IP.Interface.{i}.");
            assertThat(iface.getAccess()).isEqualTo(OBJ_ADD_DELETE);
            assertThat(iface.getUniqueKeySetsList()).containsExactlyInAnyOrder(keys("Alias"), keys("Name"));
            assertThat(iface.getSupportedParamsList()).contains(
                    param("Enable", PARAM_READ_WRITE, PARAM_BOOLEAN),
                    param("Name", PARAM_READ_ONLY, PARAM_STRING),
                    param("LowerLayers", PARAM_READ_WRITE, PARAM_STRING),
                    param("MaxMTUSize", PARAM_READ_WRITE, PARAM_UNSIGNED_INT));
            assertThat(iface.getSupportedCommandsList()).contains(command("Reset()", CMD_SYNC, List.of(), List.of()));
            // statistics are activeNotify="canDeny" in TR-181: the agent may ignore ValueChange on them
            assertThat(r.getSupportedObjsList()).filteredOn(
                    o -> o.getSupportedObjPath().equals("Device.IP.Interface.{i}.Stats.")).singleElement()
                    .satisfies(o -> assertThat(o.getSupportedParamsList()).contains(
                            ignored("BytesSent", PARAM_READ_ONLY, GetSupportedDMResp.ParamValueType.PARAM_UNSIGNED_LONG)));
        }
    }
}
