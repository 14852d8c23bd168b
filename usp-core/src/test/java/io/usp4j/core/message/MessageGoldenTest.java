package io.usp4j.core.message;

import static io.usp4j.core.internal.Wire.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.core.internal.Wire;
import io.usp4j.core.proto.msg.GetSupportedDMResp;
import io.usp4j.core.proto.msg.Header.MsgType;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Notify;
import io.usp4j.core.proto.msg.OperateResp;
import org.junit.jupiter.api.Test;

/**
 * One hand-encoded Message of each of the 23 message types (every Request, every Response, Error):
 * decoded, checked, and re-encoded byte for byte.
 */
class MessageGoldenTest {

    /** Msg { header { msg_id, msg_type }, body { field bodyField { field bodyType: inner } } }. */
    private static byte[] msg(int type, int bodyField, int member, Wire inner) {
        return message()
                .message(1, message().string(1, "m-" + type).varint(2, type))
                .message(2, message().message(bodyField, message().message(member, inner)))
                .build();
    }

    private static byte[] request(int type, int member, Wire inner) {
        return msg(type, 1, member, inner);
    }

    private static byte[] response(int type, int member, Wire inner) {
        return msg(type, 2, member, inner);
    }

    private static Msg roundTrip(byte[] golden, MsgType type) {
        Msg msg = MessageCodec.decode(golden);
        assertThat(MessageCodec.encode(msg)).isEqualTo(golden);
        assertThat(msg.getHeader().getMsgType()).isEqualTo(type);
        assertThat(msg.getHeader().getMsgId()).isEqualTo("m-" + type.getNumber());
        assertThat(Messages.typeOf(msg.getBody())).isEqualTo(type);
        return msg;
    }

    // ---- requests

    @Test
    void get() {
        var get = roundTrip(request(1, 1, message().string(1, "Device.DeviceInfo.").string(1, "Device.Time.").fixed32(2, 2)),
                MsgType.GET).getBody().getRequest().getGet();
        assertThat(get.getParamPathsList()).containsExactly("Device.DeviceInfo.", "Device.Time.");
        assertThat(get.getMaxDepth()).isEqualTo(2);
    }

    @Test
    void get_supported_dm() {
        var gsdm = roundTrip(request(12, 2, message()
                .string(1, "Device.WiFi.")
                .varint(2, 1).varint(3, 1).varint(4, 1).varint(5, 1).varint(6, 1)), MsgType.GET_SUPPORTED_DM)
                .getBody().getRequest().getGetSupportedDm();
        assertThat(gsdm.getObjPathsList()).containsExactly("Device.WiFi.");
        assertThat(gsdm.getFirstLevelOnly() && gsdm.getReturnCommands() && gsdm.getReturnEvents()
                && gsdm.getReturnParams() && gsdm.getReturnUniqueKeySets()).isTrue();
    }

    @Test
    void get_instances() {
        var gi = roundTrip(request(14, 3, message().string(1, "Device.IP.Interface.").varint(2, 1)),
                MsgType.GET_INSTANCES).getBody().getRequest().getGetInstances();
        assertThat(gi.getObjPathsList()).containsExactly("Device.IP.Interface.");
        assertThat(gi.getFirstLevelOnly()).isTrue();
    }

    @Test
    void set() {
        var set = roundTrip(request(4, 4, message()
                .varint(1, 1)
                .message(2, message().string(1, "Device.WiFi.SSID.1.")
                        .message(2, message().string(1, "SSID").string(2, "home").varint(3, 1)))), MsgType.SET)
                .getBody().getRequest().getSet();
        assertThat(set.getAllowPartial()).isTrue();
        assertThat(set.getUpdateObjs(0).getParamSettings(0).getValue()).isEqualTo("home");
        assertThat(set.getUpdateObjs(0).getParamSettings(0).getRequired()).isTrue();
    }

    @Test
    void add() {
        var add = roundTrip(request(8, 5, message()
                .message(2, message().string(1, "Device.LocalAgent.Subscription.")
                        .message(2, message().string(1, "ID").string(2, "s-1").varint(3, 1)))), MsgType.ADD)
                .getBody().getRequest().getAdd();
        assertThat(add.getAllowPartial()).isFalse();
        assertThat(add.getCreateObjs(0).getObjPath()).isEqualTo("Device.LocalAgent.Subscription.");
        assertThat(add.getCreateObjs(0).getParamSettings(0).getParam()).isEqualTo("ID");
    }

    @Test
    void delete() {
        var delete = roundTrip(request(10, 6, message().varint(1, 1).string(2, "Device.X.1.").string(2, "Device.X.2.")),
                MsgType.DELETE).getBody().getRequest().getDelete();
        assertThat(delete.getObjPathsList()).containsExactly("Device.X.1.", "Device.X.2.");
    }

    @Test
    void operate() {
        var operate = roundTrip(request(6, 7, message()
                .string(1, "Device.IP.Diagnostics.IPPing()")
                .string(2, "ck-1")
                .varint(3, 1)
                .entry(4, "Host", "127.0.0.1")), MsgType.OPERATE).getBody().getRequest().getOperate();
        assertThat(operate.getCommandKey()).isEqualTo("ck-1");
        assertThat(operate.getSendResp()).isTrue();
        assertThat(operate.getInputArgsMap()).containsEntry("Host", "127.0.0.1");
    }

    @Test
    void notify_carries_each_kind_of_notification() {
        Wire[] kinds = {
            message().string(1, "Device.").string(2, "Boot!").entry(3, "Cause", "LocalReboot"),
            message().string(1, "Device.X.1.A").string(2, "v"),
            message().string(1, "Device.X.3.").entry(2, "Alias", "cpe-3"),
            message().string(1, "Device.X.3."),
            message().string(1, "Device.X.").string(2, "Run()").string(3, "k")
                    .message(5, message().fixed32(1, 7022).string(2, "failed")),
            message().string(1, "00256D").string(2, "gw").string(3, "123").string(4, "1.4"),
        };
        Notify.NotificationCase[] expected = {
            Notify.NotificationCase.EVENT, Notify.NotificationCase.VALUE_CHANGE, Notify.NotificationCase.OBJ_CREATION,
            Notify.NotificationCase.OBJ_DELETION, Notify.NotificationCase.OPER_COMPLETE,
            Notify.NotificationCase.ON_BOARD_REQ,
        };
        for (int i = 0; i < kinds.length; i++) {
            byte[] golden = request(3, 8, message().string(1, "sub-1").varint(2, 1).message(3 + i, kinds[i]));
            Notify notify = roundTrip(golden, MsgType.NOTIFY).getBody().getRequest().getNotify();
            assertThat(notify.getSubscriptionId()).isEqualTo("sub-1");
            assertThat(notify.getNotificationCase()).isEqualTo(expected[i]);
        }
    }

    @Test
    void get_supported_protocol() {
        var gsp = roundTrip(request(17, 9, message().string(1, "1.3,1.4")), MsgType.GET_SUPPORTED_PROTO)
                .getBody().getRequest().getGetSupportedProtocol();
        assertThat(gsp.getControllerSupportedProtocolVersions()).isEqualTo("1.3,1.4");
    }

    @Test
    void register() {
        var reg = roundTrip(request(19, 10, message().varint(1, 1).message(2, message().string(1, "Device.X_ACME_Service."))),
                MsgType.REGISTER).getBody().getRequest().getRegister();
        assertThat(reg.getRegPaths(0).getPath()).isEqualTo("Device.X_ACME_Service.");
    }

    @Test
    void deregister() {
        var dereg = roundTrip(request(21, 11, message().string(1, "Device.X_ACME_Service.")), MsgType.DEREGISTER)
                .getBody().getRequest().getDeregister();
        assertThat(dereg.getPathsList()).containsExactly("Device.X_ACME_Service.");
    }

    // ---- responses

    @Test
    void get_resp() {
        var resp = roundTrip(response(2, 1, message()
                .message(1, message().string(1, "Device.X.")
                        .message(4, message().string(1, "Device.X.1.").entry(2, "Name", "eth0")))
                .message(1, message().string(1, "Device.Y.9.").fixed32(2, 7026).string(3, "no such instance"))),
                MsgType.GET_RESP).getBody().getResponse().getGetResp();
        assertThat(resp.getReqPathResults(0).getResolvedPathResults(0).getResultParamsMap()).containsEntry("Name", "eth0");
        assertThat(resp.getReqPathResults(1).getErrCode()).isEqualTo(7026);
    }

    @Test
    void get_supported_dm_resp() {
        var resp = roundTrip(response(13, 2, message().message(1, message()
                .string(1, "Device.X.")
                .string(4, "urn:broadband-forum-org:tr-181-2-16-0")
                .message(5, message()
                        .string(1, "Device.X.{i}.")
                        .varint(2, 1) // OBJ_ADD_DELETE
                        .varint(3, 1)
                        .message(4, message().string(1, "Reset()").string(2, "Mode").string(3, "Result").varint(4, 2))
                        .message(5, message().string(1, "Changed!").string(2, "Why"))
                        .message(6, message().string(1, "Enable").varint(2, 1).varint(3, 2).varint(4, 1))
                        .string(7, "Device.X.7.")
                        .message(8, message().string(1, "Alias"))))), MsgType.GET_SUPPORTED_DM_RESP)
                .getBody().getResponse().getGetSupportedDmResp();
        GetSupportedDMResp.SupportedObjectResult obj = resp.getReqObjResults(0).getSupportedObjs(0);
        assertThat(obj.getAccess()).isEqualTo(GetSupportedDMResp.ObjAccessType.OBJ_ADD_DELETE);
        assertThat(obj.getSupportedCommands(0).getCommandType()).isEqualTo(GetSupportedDMResp.CmdType.CMD_ASYNC);
        assertThat(obj.getSupportedParams(0).getValueType()).isEqualTo(GetSupportedDMResp.ParamValueType.PARAM_BOOLEAN);
        assertThat(obj.getSupportedParams(0).getValueChange())
                .isEqualTo(GetSupportedDMResp.ValueChangeType.VALUE_CHANGE_ALLOWED);
        assertThat(obj.getUniqueKeySets(0).getKeyNamesList()).containsExactly("Alias");
        assertThat(obj.getDivergentPathsList()).containsExactly("Device.X.7.");
    }

    @Test
    void get_instances_resp() {
        var resp = roundTrip(response(15, 3, message().message(1, message().string(1, "Device.X.")
                .message(4, message().string(1, "Device.X.1.").entry(2, "Alias", "cpe-1")))), MsgType.GET_INSTANCES_RESP)
                .getBody().getResponse().getGetInstancesResp();
        assertThat(resp.getReqPathResults(0).getCurrInsts(0).getUniqueKeysMap()).containsEntry("Alias", "cpe-1");
    }

    @Test
    void set_resp() {
        var resp = roundTrip(response(5, 4, message()
                .message(1, message().string(1, "Device.X.1.").message(2, message().message(2, message()
                        .message(1, message().string(1, "Device.X.1.")
                                .message(2, message().string(1, "B").fixed32(2, 7012).string(3, "out of range"))
                                .entry(3, "A", "v"))))) // oper_success
                .message(1, message().string(1, "Device.X.[A==1].").message(2, message().message(1, message()
                        .fixed32(1, 7021).string(2, "required failed")
                        .message(3, message().string(1, "Device.X.2.")
                                .message(2, message().string(1, "A").fixed32(2, 7011))))))), // oper_failure
                MsgType.SET_RESP).getBody().getResponse().getSetResp();
        var ok = resp.getUpdatedObjResults(0).getOperStatus().getOperSuccess().getUpdatedInstResults(0);
        assertThat(ok.getUpdatedParamsMap()).containsEntry("A", "v");
        assertThat(ok.getParamErrs(0).getErrCode()).isEqualTo(7012);
        var failed = resp.getUpdatedObjResults(1).getOperStatus().getOperFailure();
        assertThat(failed.getErrCode()).isEqualTo(7021);
        assertThat(failed.getUpdatedInstFailures(0).getAffectedPath()).isEqualTo("Device.X.2.");
    }

    @Test
    void add_resp() {
        var resp = roundTrip(response(9, 5, message().message(1, message().string(1, "Device.X.")
                .message(2, message().message(2, message()
                        .string(1, "Device.X.4.")
                        .message(2, message().string(1, "B").fixed32(2, 7013).string(3, "read-only"))
                        .entry(3, "Alias", "cpe-4"))))), MsgType.ADD_RESP).getBody().getResponse().getAddResp();
        var success = resp.getCreatedObjResults(0).getOperStatus().getOperSuccess();
        assertThat(success.getInstantiatedPath()).isEqualTo("Device.X.4.");
        assertThat(success.getUniqueKeysMap()).containsEntry("Alias", "cpe-4");
    }

    @Test
    void delete_resp() {
        var resp = roundTrip(response(11, 6, message().message(1, message().string(1, "Device.X.*.")
                .message(2, message().message(2, message()
                        .string(1, "Device.X.1.")
                        .message(2, message().string(1, "Device.X.2.").fixed32(2, 7024).string(3, "in use")))))),
                MsgType.DELETE_RESP).getBody().getResponse().getDeleteResp();
        var success = resp.getDeletedObjResults(0).getOperStatus().getOperSuccess();
        assertThat(success.getAffectedPathsList()).containsExactly("Device.X.1.");
        assertThat(success.getUnaffectedPathErrs(0).getErrCode()).isEqualTo(7024);
    }

    @Test
    void operate_resp_with_each_kind_of_result() {
        var resp = roundTrip(response(7, 7, message()
                .message(1, message().string(1, "Device.Reboot()").message(3, message()))
                .message(1, message().string(1, "Device.IP.Diagnostics.IPPing()")
                        .string(2, "Device.LocalAgent.Request.1."))
                .message(1, message().string(1, "Device.X.1.Run()")
                        .message(3, message().entry(1, "Result", "ok")))
                .message(1, message().string(1, "Device.X.2.Run()")
                        .message(4, message().fixed32(1, 7022).string(2, "broken")))), MsgType.OPERATE_RESP)
                .getBody().getResponse().getOperateResp();
        assertThat(resp.getOperationResults(0).getOperationRespCase())
                .isEqualTo(OperateResp.OperationResult.OperationRespCase.REQ_OUTPUT_ARGS);
        assertThat(resp.getOperationResults(1).getReqObjPath()).isEqualTo("Device.LocalAgent.Request.1.");
        assertThat(resp.getOperationResults(2).getReqOutputArgs().getOutputArgsMap()).containsEntry("Result", "ok");
        assertThat(resp.getOperationResults(3).getCmdFailure().getErrCode()).isEqualTo(7022);
    }

    @Test
    void notify_resp() {
        var resp = roundTrip(response(16, 8, message().string(1, "sub-1")), MsgType.NOTIFY_RESP)
                .getBody().getResponse().getNotifyResp();
        assertThat(resp.getSubscriptionId()).isEqualTo("sub-1");
    }

    @Test
    void get_supported_protocol_resp() {
        var resp = roundTrip(response(18, 9, message().string(1, "1.0,1.1,1.2,1.3,1.4")),
                MsgType.GET_SUPPORTED_PROTO_RESP).getBody().getResponse().getGetSupportedProtocolResp();
        assertThat(resp.getAgentSupportedProtocolVersions()).isEqualTo("1.0,1.1,1.2,1.3,1.4");
    }

    @Test
    void register_resp() {
        var resp = roundTrip(response(20, 10, message()
                .message(1, message().string(1, "Device.A.").message(2, message().message(2, message().string(1, "Device.A."))))
                .message(1, message().string(1, "Device.B.").message(2, message().message(1, message()
                        .fixed32(1, 7029).string(2, "in use"))))), MsgType.REGISTER_RESP)
                .getBody().getResponse().getRegisterResp();
        assertThat(resp.getRegisteredPathResults(0).getOperStatus().getOperSuccess().getRegisteredPath())
                .isEqualTo("Device.A.");
        assertThat(resp.getRegisteredPathResults(1).getOperStatus().getOperFailure().getErrCode()).isEqualTo(7029);
    }

    @Test
    void deregister_resp() {
        // requested_path "" ("everything I registered", R-DEREG.2) is the proto3 default: absent on the wire.
        var resp = roundTrip(response(22, 11, message().message(1, message()
                .message(2, message().message(2, message().string(1, "Device.A.").string(1, "Device.B."))))),
                MsgType.DEREGISTER_RESP).getBody().getResponse().getDeregisterResp();
        assertThat(resp.getDeregisteredPathResults(0).getOperStatus().getOperSuccess().getDeregisteredPathList())
                .containsExactly("Device.A.", "Device.B.");
    }

    @Test
    void error() {
        byte[] golden = message()
                .message(1, message().string(1, "m-0")) // msg_type ERROR is 0: absent
                .message(2, message().message(3, message()
                        .fixed32(1, 7004)
                        .string(2, "bad")
                        .message(3, message().string(1, "Device.X.1.A").fixed32(2, 7012).string(3, "too big"))))
                .build();
        var error = roundTrip(golden, MsgType.ERROR).getBody().getError();
        assertThat(error.getErrCode()).isEqualTo(7004);
        assertThat(error.getParamErrs(0).getParamPath()).isEqualTo("Device.X.1.A");
    }
}
