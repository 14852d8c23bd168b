package io.usp4j.agent.message;

import static io.usp4j.agent.message.GetTestSupport.CTRL_PATH;
import static io.usp4j.agent.message.GetTestSupport.LA;
import static io.usp4j.agent.message.GetTestSupport.V;
import static io.usp4j.agent.message.GetTestSupport.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp4j.agent.testing.TestController;
import io.usp4j.core.proto.msg.GetResp;
import io.usp4j.core.proto.msg.Msg;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Get: TP-469 1.36–1.51, 1.82, 1.86, 1.87 and 1.89, plus reference following, masked values, firmware
 * failures and the error codes of R-GET.0. Every test compares the whole GetResp.
 */
class GetTest {
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

    private static GetResp resp(GetResp.RequestedPathResult... results) {
        return GetResp.newBuilder().addAllReqPathResults(List.of(results)).build();
    }

    private static GetResp.RequestedPathResult ok(String requested, GetResp.ResolvedPathResult... resolved) {
        return GetResp.RequestedPathResult.newBuilder().setRequestedPath(requested)
                .addAllResolvedPathResults(List.of(resolved)).build();
    }

    private static GetResp.RequestedPathResult failed(String requested, int code, String message) {
        return GetResp.RequestedPathResult.newBuilder().setRequestedPath(requested).setErrCode(code).setErrMsg(message)
                .build();
    }

    private static GetResp.ResolvedPathResult resolved(String path, Map<String, String> params) {
        return GetResp.ResolvedPathResult.newBuilder().setResolvedPath(path).putAllResultParams(params).build();
    }

    /** The full parameters of a Subscription this test controller created with the given values. */
    private static Map<String, String> subscription(String alias, String enable, String id, String notifType,
            String referenceList, String notifExpiration) {
        return map("Alias", alias, "Enable", enable, "Recipient", CTRL_PATH, "TriggerAction", "Notify",
                "TriggerConfigSettings", "", "ID", id, "CreationDate", "0001-01-01T00:00:00Z", "NotifType", notifType,
                "ReferenceList", referenceList, "Persistent", "false", "TimeToLive", "0", "NotifRetry", "false",
                "NotifExpiration", notifExpiration);
    }

    private static GetResp getResp(Msg answer) {
        return answer.getBody().getResponse().getGetResp();
    }

    /** The error message of the one requested path of an answer (texts are not pinned by the spec). */
    private static String errMsg(Msg answer, int i) {
        return getResp(answer).getReqPathResults(i).getErrMsg();
    }

    private void twoSubscriptions() {
        agent.addSubscription("ID", "sub-1", "Enable", "true", "NotifType", "ValueChange",
                "ReferenceList", LA + "Controller.1.ProvisioningCode");
        agent.addSubscription("ID", "sub-2", "Enable", "false", "NotifType", "ObjectCreation",
                "ReferenceList", LA + "Subscription.");
    }

    private static Map<String, String> sub1() {
        return subscription("cpe-1", "true", "sub-1", "ValueChange", LA + "Controller.1.ProvisioningCode", "0");
    }

    private static Map<String, String> sub2() {
        return subscription("cpe-2", "false", "sub-2", "ObjectCreation", LA + "Subscription.", "0");
    }

    // ------------------------------------------------------------------ TP-469 1.36 - 1.42

    @Test
    void tp469_1_36_getFullParameterPath() {
        Msg answer = agent.get(0, LA + "EndpointID");
        assertThat(getResp(answer)).isEqualTo(resp(
                ok(LA + "EndpointID", resolved(LA, map("EndpointID", TestController.AGENT_ID)))));
    }

    @Test
    void tp469_1_37_getMultipleParametersSameObject() {
        Msg answer = agent.get(0, LA + "EndpointID", LA + "SoftwareVersion");
        assertThat(getResp(answer)).isEqualTo(resp(
                ok(LA + "EndpointID", resolved(LA, map("EndpointID", TestController.AGENT_ID))),
                ok(LA + "SoftwareVersion", resolved(LA, map("SoftwareVersion", "0.1.0")))));
    }

    @Test
    void tp469_1_38_getMultipleParametersDifferentObjects() {
        twoSubscriptions();
        Msg answer = agent.get(0, LA + "EndpointID", LA + "Subscription.1.Enable");
        assertThat(getResp(answer)).isEqualTo(resp(
                ok(LA + "EndpointID", resolved(LA, map("EndpointID", TestController.AGENT_ID))),
                ok(LA + "Subscription.1.Enable", resolved(LA + "Subscription.1.", map("Enable", "true")))));
    }

    @Test
    void tp469_1_39_getObjectPathReturnsEverySubObjectWithRelativeNames() {
        twoSubscriptions();
        GetResp resp = getResp(agent.get(0, LA));

        assertThat(resp.getReqPathResultsCount()).isEqualTo(1);
        GetResp.RequestedPathResult r = resp.getReqPathResults(0);
        assertThat(r.getRequestedPath()).isEqualTo(LA);
        assertThat(r.getErrCode()).isZero();
        assertThat(paths(r)).containsExactly(LA, LA + "Controller.1.", LA + "Controller.1.E2ESession.",
                LA + "Controller.1.TransferCompletePolicy.", LA + "ControllerTrust.", LA + "Subscription.1.",
                LA + "Subscription.2.");
        // every object carries all its own parameters, by relative name, and nothing of its sub-objects
        for (GetResp.ResolvedPathResult rp : r.getResolvedPathResultsList()) {
            assertThat(rp.getResultParamsMap().keySet()).as(rp.getResolvedPath())
                    .containsExactlyInAnyOrderElementsOf(agent.parameterNames(rp.getResolvedPath()));
        }
        Map<String, String> la = r.getResolvedPathResults(0).getResultParamsMap();
        assertThat(la).containsEntry("EndpointID", TestController.AGENT_ID)
                .containsEntry("SoftwareVersion", "0.1.0")
                .containsEntry("UpTime", "0")
                .containsEntry("SupportedProtocols", "MQTT")
                .containsEntry("ControllerNumberOfEntries", "1")
                .containsEntry("SubscriptionNumberOfEntries", "2")
                .containsEntry("MTPNumberOfEntries", "0");
        assertThat(r.getResolvedPathResults(1).getResultParamsMap())
                .containsEntry("EndpointID", TestController.CONTROLLER_ID)
                .containsEntry("Alias", "ctrl")
                .containsEntry("Enable", "true")
                .containsEntry("BootParameterNumberOfEntries", "0");
        assertThat(r.getResolvedPathResults(5)).isEqualTo(resolved(LA + "Subscription.1.", sub1()));
        assertThat(r.getResolvedPathResults(6)).isEqualTo(resolved(LA + "Subscription.2.", sub2()));
    }

    @Test
    void tp469_1_40_getObjectInstancePath() {
        twoSubscriptions();
        Msg answer = agent.get(0, LA + "Subscription.2.");
        assertThat(getResp(answer)).isEqualTo(resp(ok(LA + "Subscription.2.", resolved(LA + "Subscription.2.", sub2()))));
    }

    @Test
    void tp469_1_41_getInvalidParameter() {
        Msg answer = agent.get(0, LA + "InvalidParameter");
        assertThat(getResp(answer)).isEqualTo(resp(failed(LA + "InvalidParameter", 7026, errMsg(answer, 0))));
        assertThat(errMsg(answer, 0)).contains("InvalidParameter");
    }

    @Test
    void tp469_1_42_getInvalidAndValidParameter() {
        Msg answer = agent.get(0, LA + "EndpointID", LA + "InvalidParameter");
        assertThat(getResp(answer)).isEqualTo(resp(
                ok(LA + "EndpointID", resolved(LA, map("EndpointID", TestController.AGENT_ID))),
                failed(LA + "InvalidParameter", 7026, errMsg(answer, 1))));
    }

    // ------------------------------------------------------------------ TP-469 1.43 - 1.51: addressing and searches

    @Test
    void tp469_1_43_getWithUniqueKeyAddressing() {
        twoSubscriptions();
        String path = LA + "Subscription.[Recipient==\"" + CTRL_PATH + "\"&&ID==\"sub-2\"].Enable";
        Msg answer = agent.get(0, path);
        assertThat(getResp(answer)).isEqualTo(resp(ok(path, resolved(LA + "Subscription.2.", map("Enable", "false")))));
    }

    @Test
    void tp469_1_44_getWildcardOnParameter() {
        twoSubscriptions();
        Msg answer = agent.get(0, LA + "Subscription.*.Enable");
        assertThat(getResp(answer)).isEqualTo(resp(ok(LA + "Subscription.*.Enable",
                resolved(LA + "Subscription.1.", map("Enable", "true")),
                resolved(LA + "Subscription.2.", map("Enable", "false")))));
    }

    @Test
    void tp469_1_45_getWildcardOnObject() {
        twoSubscriptions();
        Msg answer = agent.get(0, LA + "Subscription.*.");
        assertThat(getResp(answer)).isEqualTo(resp(ok(LA + "Subscription.*.",
                resolved(LA + "Subscription.1.", sub1()),
                resolved(LA + "Subscription.2.", sub2()))));
    }

    @Test
    void tp469_1_46_getSearchEquality() {
        twoSubscriptions();
        agent.addSubscription("ID", "sub-3", "Enable", "true", "NotifType", "ObjectDeletion",
                "ReferenceList", LA + "Subscription.");
        Msg answer = agent.get(0, LA + "Subscription.[Enable==true].");
        assertThat(getResp(answer)).isEqualTo(resp(ok(LA + "Subscription.[Enable==true].",
                resolved(LA + "Subscription.1.", sub1()),
                resolved(LA + "Subscription.3.", subscription("cpe-3", "true", "sub-3", "ObjectDeletion",
                        LA + "Subscription.", "0")))));
    }

    @Test
    void tp469_1_47_getSearchNonEquality() {
        twoSubscriptions();
        Msg answer = agent.get(0, LA + "Subscription.[Enable!=true].");
        assertThat(getResp(answer)).isEqualTo(resp(ok(LA + "Subscription.[Enable!=true].",
                resolved(LA + "Subscription.2.", sub2()))));
    }

    /** Three Subscriptions with NotifExpiration 5, 10 and 20 (instances 1, 2, 3). */
    private void expirations() {
        for (String e : new String[] {"5", "10", "20"}) {
            agent.addSubscription("ID", "exp-" + e, "NotifType", "ValueChange",
                    "ReferenceList", LA + "Controller.1.ProvisioningCode", "NotifExpiration", e);
        }
    }

    private GetResp.ResolvedPathResult expiration(int instance, String e) {
        return resolved(LA + "Subscription." + instance + ".", subscription("cpe-" + instance, "false", "exp-" + e,
                "ValueChange", LA + "Controller.1.ProvisioningCode", e));
    }

    @Test
    void tp469_1_48_getSearchGreaterThan() {
        expirations();
        String path = LA + "Subscription.[NotifExpiration>10].";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path, expiration(3, "20"))));
    }

    @Test
    void tp469_1_49_getSearchLessThan() {
        expirations();
        String path = LA + "Subscription.[NotifExpiration<10].";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path, expiration(1, "5"))));
    }

    @Test
    void tp469_1_50_getSearchGreaterOrEqual() {
        expirations();
        String path = LA + "Subscription.[NotifExpiration>=10].";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path, expiration(2, "10"), expiration(3, "20"))));
    }

    @Test
    void tp469_1_51_getSearchLessOrEqual() {
        expirations();
        String path = LA + "Subscription.[NotifExpiration<=10].";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path, expiration(1, "5"), expiration(2, "10"))));
    }

    // ------------------------------------------------------------------ TP-469 1.82, 1.86, 1.87: nothing matches

    @Test
    void tp469_1_82_getUnmatchedSearchExpression() {
        String path = LA + "Subscription.[Enable==true].";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path)));
    }

    @Test
    void tp469_1_86_getSearchWithNoEnabledInstance() {
        agent.addSubscription("ID", "off", "Enable", "false", "NotifType", "ObjectCreation",
                "ReferenceList", LA + "Subscription.");
        String path = LA + "Subscription.[Enable==true].";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path)));
    }

    @Test
    void tp469_1_87_getEmptyTableObjectPath() {
        String path = LA + "Subscription.";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path)));
    }

    // ------------------------------------------------------------------ TP-469 1.89: max_depth

    @Test
    void tp469_1_89_getWithMaxDepth() {
        twoSubscriptions();
        GetResp depth1 = getResp(agent.get(1, LA));
        GetResp depth2 = getResp(agent.get(2, LA));
        GetResp depth3 = getResp(agent.get(3, LA));
        GetResp unlimited = getResp(agent.get(0, LA));

        assertThat(paths(depth1.getReqPathResults(0))).containsExactly(LA);
        assertThat(paths(depth2.getReqPathResults(0))).containsExactly(LA, LA + "Controller.1.",
                LA + "ControllerTrust.", LA + "Subscription.1.", LA + "Subscription.2.");
        assertThat(paths(depth3.getReqPathResults(0))).containsExactly(LA, LA + "Controller.1.",
                LA + "Controller.1.E2ESession.", LA + "Controller.1.TransferCompletePolicy.", LA + "ControllerTrust.",
                LA + "Subscription.1.", LA + "Subscription.2.");
        assertThat(depth3).isEqualTo(unlimited);
        // the levels that are present are complete: depth 1 is exactly the first result of the full answer
        assertThat(depth1.getReqPathResults(0).getResolvedPathResultsList())
                .containsExactly(unlimited.getReqPathResults(0).getResolvedPathResults(0));
    }

    @Test
    void maxDepthCountsTheRowsOfATablePathAsTheFirstLevel() {
        agent.add(V + "Outer.", "Name", "a");
        agent.add(V + "Outer.1.Stats.Sample.", "Value", "7");
        agent.add(V + "Outer.1.Inner.", "Name", "x", "Token", "t0ken");
        String table = V + "Outer.";

        assertThat(getResp(agent.get(1, table))).isEqualTo(resp(ok(table,
                resolved(V + "Outer.1.", map("Alias", "cpe-1", "Name", "a", "Enable", "false")))));
        assertThat(getResp(agent.get(2, table))).isEqualTo(resp(ok(table,
                resolved(V + "Outer.1.", map("Alias", "cpe-1", "Name", "a", "Enable", "false")),
                resolved(V + "Outer.1.Stats.", map("Count", "0")),
                resolved(V + "Outer.1.Inner.1.", map("Name", "x", "Token", "")))));
        assertThat(getResp(agent.get(0, table))).isEqualTo(resp(ok(table,
                resolved(V + "Outer.1.", map("Alias", "cpe-1", "Name", "a", "Enable", "false")),
                resolved(V + "Outer.1.Stats.", map("Count", "0")),
                resolved(V + "Outer.1.Stats.Sample.1.", map("Value", "7")),
                resolved(V + "Outer.1.Inner.1.", map("Name", "x", "Token", "")))));
    }

    @Test
    void maxDepthDoesNotApplyToParameterPaths() {
        twoSubscriptions();
        String path = LA + "Subscription.*.ID";
        assertThat(getResp(agent.get(1, path))).isEqualTo(resp(ok(path,
                resolved(LA + "Subscription.1.", map("ID", "sub-1")),
                resolved(LA + "Subscription.2.", map("ID", "sub-2")))));
    }

    // ------------------------------------------------------------------ R-GET.0 and other errors

    @Test
    void missingInstanceIsInvalidPathNotAnErrorMessage() {
        twoSubscriptions();
        Msg answer = agent.get(0, LA + "Subscription.9.", LA + "Subscription.9.Enable",
                LA + "Controller.7.BootParameter.", LA + "Subscription.1.ID");
        assertThat(getResp(answer)).isEqualTo(resp(
                failed(LA + "Subscription.9.", 7026, errMsg(answer, 0)),
                failed(LA + "Subscription.9.Enable", 7026, errMsg(answer, 1)),
                failed(LA + "Controller.7.BootParameter.", 7026, errMsg(answer, 2)),
                ok(LA + "Subscription.1.ID", resolved(LA + "Subscription.1.", map("ID", "sub-1")))));
    }

    @Test
    void uniqueKeyAddressMatchingNothingIsInvalidPathButASearchIsAnEmptySuccess() {
        twoSubscriptions();
        String address = LA + "Subscription.[Alias==\"nope\"].";
        String search = LA + "Subscription.[ID==\"nope\"].";
        Msg answer = agent.get(0, address, search);
        assertThat(getResp(answer)).isEqualTo(resp(failed(address, 7026, errMsg(answer, 0)), ok(search)));
    }

    @Test
    void syntaxErrorsAndInvalidSearchExpressionsAre7008() {
        Msg answer = agent.get(0, "Device..LocalAgent.", LA + "Subscription.[Enable==\"true\"].", LA + "Subscription.0.",
                "");
        assertThat(getResp(answer)).isEqualTo(resp(
                failed("Device..LocalAgent.", 7008, errMsg(answer, 0)),
                failed(LA + "Subscription.[Enable==\"true\"].", 7008, errMsg(answer, 1)),
                failed(LA + "Subscription.0.", 7008, errMsg(answer, 2)),
                failed("", 7008, errMsg(answer, 3))));
    }

    @Test
    void unsupportedNamesAre7026EvenWhenTheTableIsEmpty() {
        Msg answer = agent.get(0, LA + "InvalidObject.", LA + "Subscription.*.Nope", LA + "Subscription.[Nope==1].",
                "Nope.", LA + "EndpointID.");
        assertThat(getResp(answer)).isEqualTo(resp(
                failed(LA + "InvalidObject.", 7026, errMsg(answer, 0)),
                failed(LA + "Subscription.*.Nope", 7026, errMsg(answer, 1)),
                failed(LA + "Subscription.[Nope==1].", 7026, errMsg(answer, 2)),
                failed("Nope.", 7026, errMsg(answer, 3)),
                failed(LA + "EndpointID.", 7026, errMsg(answer, 4))));
    }

    @Test
    void commandAndEventPathsAreInvalidPathsInAGet() {
        Msg answer = agent.get(0, "Device.Reboot()", "Device.Boot!", LA + "Subscription.*.Nope()");
        assertThat(getResp(answer)).isEqualTo(resp(
                failed("Device.Reboot()", 7026, errMsg(answer, 0)),
                failed("Device.Boot!", 7026, errMsg(answer, 1)),
                failed(LA + "Subscription.*.Nope()", 7026, errMsg(answer, 2))));
    }

    @Test
    void anEmptyGetGetsAnEmptyResponse() {
        assertThat(getResp(agent.get(0))).isEqualTo(resp());
    }

    // ------------------------------------------------------------------ values

    @Test
    void securedHiddenAndWriteOnlyParametersReadAsEmptyStrings() {
        agent.set(V, "Secret", "s3cret", "Hidden", "h1dden", "Key", "abcd");
        Msg answer = agent.get(1, V, V + "Secret", V + "Key");
        assertThat(getResp(answer)).isEqualTo(resp(
                ok(V, resolved(V, map("Name", "vendor", "Secret", "", "Hidden", "", "Key", "", "Broken", "fine",
                        "Counter", "42", "Peer", "", "OuterNumberOfEntries", "0", "Tags", "", "Serial", ""))),
                ok(V + "Secret", resolved(V, map("Secret", ""))),
                ok(V + "Key", resolved(V, map("Key", "")))));
        // the agent's own secured parameters too
        String client = agent.add("Device.MQTT.Client.", "Name", "c1", "Password", "hunter2");
        String path = client + "Password";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path, resolved(client, map("Password", "")))));
    }

    @Test
    void objectWithoutParametersGivesAnEmptySuccess() {
        assertThat(getResp(agent.get(0, V + "Empty."))).isEqualTo(resp(ok(V + "Empty.")));
    }

    @Test
    void firmwareReadFailureFailsOnlyTheRequestedPathsThatReachIt() {
        agent.broken.set(true);
        Msg answer = agent.get(0, V + "Broken", V, V + "Name", V + "Outer.");
        assertThat(getResp(answer)).isEqualTo(resp(
                failed(V + "Broken", 7003, errMsg(answer, 0)),
                failed(V, 7003, errMsg(answer, 1)),
                ok(V + "Name", resolved(V, map("Name", "vendor"))),
                ok(V + "Outer.")));
        assertThat(errMsg(answer, 0)).contains(V + "Broken");
        assertThat(errMsg(answer, 1)).contains(V + "Broken");

        agent.broken.set(false);
        assertThat(getResp(agent.get(0, V + "Broken"))).isEqualTo(resp(ok(V + "Broken", resolved(V, map("Broken", "fine")))));
    }

    @Test
    void overlappingPathsAreEachAnsweredInFull() {
        twoSubscriptions();
        Msg answer = agent.get(0, LA + "Subscription.1.", LA + "Subscription.*.", LA + "Subscription.1.");
        assertThat(getResp(answer)).isEqualTo(resp(
                ok(LA + "Subscription.1.", resolved(LA + "Subscription.1.", sub1())),
                ok(LA + "Subscription.*.", resolved(LA + "Subscription.1.", sub1()),
                        resolved(LA + "Subscription.2.", sub2())),
                ok(LA + "Subscription.1.", resolved(LA + "Subscription.1.", sub1()))));
    }

    // ------------------------------------------------------------------ reference following

    @Test
    void referenceFollowingToAnObjectAndAParameter() {
        twoSubscriptions();
        String toObject = LA + "Subscription.1.Recipient+.";
        String toParam = LA + "Subscription.*.Recipient+.EndpointID";
        Msg answer = agent.get(1, toObject, toParam);
        GetResp.RequestedPathResult first = getResp(answer).getReqPathResults(0);
        assertThat(paths(first)).containsExactly(LA + "Controller.1.");
        assertThat(first.getResolvedPathResults(0).getResultParamsMap())
                .containsEntry("EndpointID", TestController.CONTROLLER_ID)
                .containsEntry("Alias", "ctrl")
                .doesNotContainKey("E2ESession.SessionMode");
        assertThat(getResp(answer).getReqPathResults(1)).isEqualTo(ok(toParam,
                resolved(LA + "Controller.1.", map("EndpointID", TestController.CONTROLLER_ID))));
    }

    @Test
    void referenceFollowingThroughListItems() {
        agent.add(LA + "ControllerTrust.Role.", "Name", "admin");
        agent.add(LA + "ControllerTrust.Role.", "Name", "viewer");
        agent.add(LA + "ControllerTrust.Role.", "Name", "unused");
        agent.set(LA + "Controller.1.", "AssignedRole",
                LA + "ControllerTrust.Role.2," + LA + "ControllerTrust.Role.1");
        String first = LA + "Controller.1.AssignedRole+.Name";
        String second = LA + "Controller.1.AssignedRole#2+.Name";
        String past = LA + "Controller.1.AssignedRole#3+.Name";
        String all = LA + "Controller.1.AssignedRole#*+.Name";
        String searchThrough = LA + "Controller.[AssignedRole#*+.Name==\"admin\"].Alias";
        Msg answer = agent.get(0, first, second, past, all, searchThrough);
        assertThat(getResp(answer)).isEqualTo(resp(
                ok(first, resolved(LA + "ControllerTrust.Role.2.", map("Name", "viewer"))),
                ok(second, resolved(LA + "ControllerTrust.Role.1.", map("Name", "admin"))),
                failed(past, 7026, errMsg(answer, 2)),
                ok(all, resolved(LA + "ControllerTrust.Role.1.", map("Name", "admin")),
                        resolved(LA + "ControllerTrust.Role.2.", map("Name", "viewer"))),
                ok(searchThrough, resolved(LA + "Controller.1.", map("Alias", "ctrl")))));
    }

    @Test
    void referenceToAnObjectWithSubObjectsReturnsItsSubtree() {
        agent.add(V + "Outer.", "Name", "a");
        agent.add(V + "Outer.", "Name", "b");
        agent.add(V + "Outer.2.Inner.", "Name", "x");
        agent.set(V, "Peer", V + "Outer.2");
        String path = V + "Peer+.";
        assertThat(getResp(agent.get(0, path))).isEqualTo(resp(ok(path,
                resolved(V + "Outer.2.", map("Alias", "cpe-2", "Name", "b", "Enable", "false")),
                resolved(V + "Outer.2.Stats.", map("Count", "0")),
                resolved(V + "Outer.2.Inner.1.", map("Name", "x", "Token", "")))));
        // an empty reference follows to nothing: a non-search path matching nothing
        agent.set(V, "Peer", "");
        Msg answer = agent.get(0, path);
        assertThat(getResp(answer)).isEqualTo(resp(failed(path, 7026, errMsg(answer, 0))));
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> paths(GetResp.RequestedPathResult r) {
        List<String> out = new ArrayList<>();
        r.getResolvedPathResultsList().forEach(rp -> out.add(rp.getResolvedPath()));
        return out;
    }
}
