package io.usp4j.examples.gateway;

import io.usp4j.core.endpoint.EndpointId;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.PathSyntaxException;
import io.usp4j.core.proto.msg.GetSupportedProtocol;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.ProtocolVersion;
import io.usp4j.core.record.RecordCodec;
import java.util.HexFormat;
import java.util.List;

/**
 * Entry point of the example gateway.
 *
 * <p>The simulated home gateway needs the Agent engine, which is still being built. Until it lands this
 * program walks through what usp-core already does, on the public API only: it checks the gateway's
 * Endpoint ID, builds the Record a Controller would send to ask for the supported USP versions, decodes
 * it again, and parses the paths given on the command line (or a few typical ones).
 */
public final class GatewayMain {
    private GatewayMain() {}

    public static void main(String[] args) {
        EndpointId agent = EndpointId.os("00D09E", "GW-0001");
        EndpointId controller = EndpointId.parse("self::controller");
        System.out.println("Agent endpoint:      " + agent + "  (certificate form " + agent.toUrn() + ")");

        Msg request = Messages.request("gsp-1", Request.newBuilder()
                .setGetSupportedProtocol(GetSupportedProtocol.newBuilder()
                        .setControllerSupportedProtocolVersions(ProtocolVersion.formatList(ProtocolVersion.SUPPORTED)))
                .build());
        byte[] wire = RecordCodec.encode(RecordCodec.noSessionContext(agent.toString(), controller.toString(), request));
        System.out.println("Request Record:      " + wire.length + " bytes  " + HexFormat.of().formatHex(wire));

        Record record = RecordCodec.decodeValid(wire);
        Msg decoded = MessageCodec.decode(RecordCodec.payload(record));
        System.out.println("Decoded:             " + decoded.getHeader().getMsgType() + " from " + record.getFromId()
                + " asking about " + decoded.getBody().getRequest().getGetSupportedProtocol()
                        .getControllerSupportedProtocolVersions());

        List<String> paths = args.length > 0
                ? List.of(args)
                : List.of("Device.WiFi.SSID.[SSID==\"home\"].Enable", "Device.IP.Interface.*.Stats.", "Device.Reboot()",
                        "Device.WiFi.SSID.1..Enable");
        for (String text : paths) {
            try {
                PathName path = PathName.parse(text);
                System.out.println("Path " + path.kind() + (path.isSearchPath() ? " (search)" : "") + ": " + path);
            } catch (PathSyntaxException e) {
                System.out.println("Rejected with USP " + e.errorCode().code() + ": " + e.getMessage());
            }
        }
        System.out.println("The simulated gateway agent will run here once the Agent engine lands.");
    }
}
