package io.usp4j.agent.message;

import static io.usp4j.agent.message.GetTestSupport.LA;
import static io.usp4j.agent.message.GetTestSupport.V;
import static io.usp4j.agent.message.GetTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.proto.msg.GetInstancesResp;
import io.usp4j.core.proto.msg.Msg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GetInstances: TP-469 1.66–1.68, 1.70, 1.71 and 1.83, plus nested tables below single-instance objects,
 * row paths, and the error codes. Every test compares the whole GetInstancesResp.
 */
class GetInstancesTest {
    private static final String SECOND_ID = "proto::second-controller";

    private GetTestSupport agent;

    @BeforeEach
    void start() {
        agent = GetTestSupport.start();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    // ------------------------------------------------------------------ expected responses

    private static GetInstancesResp resp(GetInstancesResp.RequestedPathResult... results) {
        return GetInstancesResp.newBuilder().addAllReqPathResults(List.of(results)).build();
    }

    private static GetInstancesResp.RequestedPathResult ok(String requested, GetInstancesResp.CurrInstance... insts) {
        return GetInstancesResp.RequestedPathResult.newBuilder().setRequestedPath(requested)
                .addAllCurrInsts(List.of(insts)).build();
    }

    private static GetInstancesResp.RequestedPathResult failed(String requested, int code, String message) {
        return GetInstancesResp.RequestedPathResult.newBuilder().setRequestedPath(requested).setErrCode(code)
                .setErrMsg(message).build();
    }

    private static GetInstancesResp.CurrInstance inst(String path, Map<String, String> keys) {
        return GetInstancesResp.CurrInstance.newBuilder().setInstantiatedObjPath(path).putAllUniqueKeys(keys).build();
    }

    private static GetInstancesResp instancesResp(Msg answer) {
        return answer.getBody().getResponse().getGetInstancesResp();
    }

    private static String errMsg(Msg answer, int i) {
        return instancesResp(answer).getReqPathResults(i).getErrMsg();
    }

    /**
     * A second Controller, MTPs for both, boot parameters for both (two enabled on the first), and an agent
     * MTP.
     */
    private void controllers() {
        agent.add(LA + "Controller.", "EndpointID", SECOND_ID, "Alias", "second");
        agent.add(LA + "Controller.1.MTP.", "Protocol", "MQTT");
        agent.add(LA + "Controller.2.MTP.", "Protocol", "MQTT", "Alias", "m2");
        agent.add(LA + "Controller.1.BootParameter.", "ParameterName", LA + "EndpointID", "Enable", "true");
        agent.add(LA + "Controller.1.BootParameter.", "ParameterName", LA + "SoftwareVersion", "Enable", "true");
        agent.add(LA + "Controller.2.BootParameter.", "ParameterName", "Device.", "Alias", "bp");
        agent.add(LA + "MTP.", "Protocol", "MQTT", "Alias", "agent-mqtt");
    }

    private static GetInstancesResp.CurrInstance controller1() {
        return inst(LA + "Controller.1.", map("EndpointID", TestController.CONTROLLER_ID, "Alias", "ctrl"));
    }

    private static GetInstancesResp.CurrInstance controller2() {
        return inst(LA + "Controller.2.", map("EndpointID", SECOND_ID, "Alias", "second"));
    }

    private static GetInstancesResp.CurrInstance mtp(int controller, String alias) {
        return inst(LA + "Controller." + controller + ".MTP.1.", map("Protocol", "MQTT", "Alias", alias));
    }

    private static GetInstancesResp.CurrInstance bootParameter(int controller, int n, String name, String alias) {
        return inst(LA + "Controller." + controller + ".BootParameter." + n + ".",
                map("ParameterName", name, "Alias", alias));
    }

    // ------------------------------------------------------------------ TP-469

    @Test
    void tp469_1_66_singleObjectFirstLevelOnly() {
        controllers();
        String path = LA + "Controller.";
        assertThat(instancesResp(agent.getInstances(true, path))).isEqualTo(resp(ok(path, controller1(), controller2())));
    }

    @Test
    void tp469_1_67_singleObjectAllLevels() {
        controllers();
        String path = LA + "Controller.";
        assertThat(instancesResp(agent.getInstances(false, path))).isEqualTo(resp(ok(path,
                controller1(),
                mtp(1, "cpe-1"),
                bootParameter(1, 1, LA + "EndpointID", "cpe-1"),
                bootParameter(1, 2, LA + "SoftwareVersion", "cpe-2"),
                controller2(),
                mtp(2, "m2"),
                bootParameter(2, 1, "Device.", "bp"))));
    }

    @Test
    void tp469_1_68_multipleObjects() {
        controllers();
        Msg answer = agent.getInstances(true, LA + "Controller.", LA + "MTP.");
        assertThat(instancesResp(answer)).isEqualTo(resp(
                ok(LA + "Controller.", controller1(), controller2()),
                ok(LA + "MTP.", inst(LA + "MTP.1.", map("Alias", "agent-mqtt")))));
    }

    @Test
    void tp469_1_70_wildcardSearchPath() {
        controllers();
        String path = LA + "Controller.*.MTP.";
        assertThat(instancesResp(agent.getInstances(true, path))).isEqualTo(resp(ok(path, mtp(1, "cpe-1"), mtp(2, "m2"))));
    }

    @Test
    void tp469_1_71_searchExpressionSearchPath() {
        controllers();
        String path = LA + "Controller.[Alias==\"ctrl\"].BootParameter.";
        assertThat(instancesResp(agent.getInstances(false, path))).isEqualTo(resp(ok(path,
                bootParameter(1, 1, LA + "EndpointID", "cpe-1"),
                bootParameter(1, 2, LA + "SoftwareVersion", "cpe-2"))));
        String enabled = LA + "Controller.*.BootParameter.[Enable==true].";
        assertThat(instancesResp(agent.getInstances(true, enabled))).isEqualTo(resp(ok(enabled,
                bootParameter(1, 1, LA + "EndpointID", "cpe-1"),
                bootParameter(1, 2, LA + "SoftwareVersion", "cpe-2"))));
    }

    /** Both the TP-469 1.4.0 path (a key address matching nothing) and older plans' (a search, no rows). */
    @Test
    void tp469_1_83_unmatchedSearchExpression() {
        controllers();
        String path = LA + "Controller.[Alias==\"none\"].BootParameter.";
        String search = LA + "Controller.[ProvisioningCode==\"none\"].BootParameter.";
        String noRows = LA + "Subscription.[Enable==true].";
        assertThat(instancesResp(agent.getInstances(false, path, search, noRows)))
                .isEqualTo(resp(ok(path), ok(search), ok(noRows)));
    }

    // ------------------------------------------------------------------ beyond TP-469

    @Test
    void nestedTablesBelowSingleInstanceObjectsAndTablesWithoutKeys() {
        agent.add(V + "Outer.", "Name", "a", "Alias", "first");
        agent.add(V + "Outer.", "Name", "b");
        agent.add(V + "Outer.1.Stats.Sample.", "Value", "1");
        agent.add(V + "Outer.1.Stats.Sample.", "Value", "2");
        agent.add(V + "Outer.1.Inner.", "Name", "x", "Token", "secret");
        agent.add(V + "Outer.2.Inner.", "Name", "y");
        String table = V + "Outer.";
        Msg answer = agent.getInstances(false, table, V);
        assertThat(instancesResp(answer)).isEqualTo(resp(
                ok(table,
                        inst(V + "Outer.1.", map("Name", "a", "Alias", "first")),
                        inst(V + "Outer.1.Stats.Sample.1.", map()),
                        inst(V + "Outer.1.Stats.Sample.2.", map()),
                        inst(V + "Outer.1.Inner.1.", map("Name", "x")),
                        inst(V + "Outer.2.", map("Name", "b", "Alias", "cpe-2")),
                        inst(V + "Outer.2.Inner.1.", map("Name", "y"))),
                failed(V, 7018, errMsg(answer, 1))));
    }

    @Test
    void rowPathsListThoseRows() {
        controllers();
        String row = LA + "Controller.2.";
        String rows = LA + "Controller.*.";
        String search = LA + "Controller.[Enable==true].";
        Msg answer = agent.getInstances(false, row, rows, search);
        assertThat(instancesResp(answer)).isEqualTo(resp(
                ok(row, controller2(), mtp(2, "m2"), bootParameter(2, 1, "Device.", "bp")),
                ok(rows, controller1(), mtp(1, "cpe-1"), bootParameter(1, 1, LA + "EndpointID", "cpe-1"),
                        bootParameter(1, 2, LA + "SoftwareVersion", "cpe-2"), controller2(), mtp(2, "m2"),
                        bootParameter(2, 1, "Device.", "bp")),
                ok(search, controller1(), mtp(1, "cpe-1"), bootParameter(1, 1, LA + "EndpointID", "cpe-1"),
                        bootParameter(1, 2, LA + "SoftwareVersion", "cpe-2"))));
    }

    @Test
    void emptyTableIsAnEmptySuccess() {
        String path = LA + "Subscription.";
        assertThat(instancesResp(agent.getInstances(true, path))).isEqualTo(resp(ok(path)));
    }

    @Test
    void errorCodesPerPath() {
        controllers();
        Msg answer = agent.getInstances(true,
                LA,                                       // single-instance object
                LA + "EndpointID",                        // parameter
                "Device.Reboot()",                        // command
                LA + "Controller.1.E2ESession.",          // single-instance object below a row
                LA + "InvalidObject.",                    // not supported
                LA + "Controller.9.BootParameter.",       // missing instance, not a search
                LA + "Controller.[Enable==\"true\"].",    // invalid search expression
                "Device.LocalAgent..Controller.",         // syntax
                LA + "Controller.*.E2ESession.",          // search reaching single-instance objects
                LA + "Controller.");                      // still fine
        assertThat(instancesResp(answer)).isEqualTo(resp(
                failed(LA, 7018, errMsg(answer, 0)),
                failed(LA + "EndpointID", 7018, errMsg(answer, 1)),
                failed("Device.Reboot()", 7018, errMsg(answer, 2)),
                failed(LA + "Controller.1.E2ESession.", 7018, errMsg(answer, 3)),
                failed(LA + "InvalidObject.", 7026, errMsg(answer, 4)),
                failed(LA + "Controller.9.BootParameter.", 7016, errMsg(answer, 5)),
                failed(LA + "Controller.[Enable==\"true\"].", 7008, errMsg(answer, 6)),
                failed("Device.LocalAgent..Controller.", 7008, errMsg(answer, 7)),
                failed(LA + "Controller.*.E2ESession.", 7018, errMsg(answer, 8)),
                ok(LA + "Controller.", controller1(), controller2())));
    }
}
