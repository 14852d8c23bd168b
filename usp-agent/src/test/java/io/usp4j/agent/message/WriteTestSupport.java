package io.usp4j.agent.message;

import io.usp4j.core.error.ErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.usp4j.agent.testing.TestController;
import io.usp4j.core.path.PathName;
import io.usp4j.core.path.resolve.ResolvedPath;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Response;
import io.usp4j.datamodel.instance.AddResult;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Helpers shared by the Add, Set and Delete tests: setting up rows, reading state, comparing answers. */
final class WriteTestSupport {
    static final String SUBS = "Device.LocalAgent.Subscription.";
    static final String CTRLS = "Device.LocalAgent.Controller.";

    private WriteTestSupport() {}

    /** Creates an instance directly in the data model (on the agent thread) and returns its path. */
    static String create(TestController c, String table, Map<String, String> values) {
        return c.onAgent(() -> {
            Transaction tx = c.agent().dataModel().begin();
            try {
                List<ParamSetting> settings = new ArrayList<>();
                values.forEach((k, v) -> settings.add(ParamSetting.required(k, v)));
                AddResult r = tx.add(table, settings);
                tx.commit();
                return r.instancePath();
            } finally {
                if (tx.isOpen()) {
                    tx.rollback();
                }
            }
        });
    }

    /** A Subscription with the given ID and NotifType ValueChange on the agent's EndpointID. */
    static String subscription(TestController c, String id, Map<String, String> more) {
        java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("ID", id);
        v.put("NotifType", "ValueChange");
        v.put("ReferenceList", "Device.LocalAgent.EndpointID");
        v.putAll(more);
        return create(c, SUBS, v);
    }

    /** A Controller entry with this EndpointID and Alias. */
    static String controllerEntry(TestController c, String endpointId, String alias, boolean enable) {
        return create(c, CTRLS, Map.of("EndpointID", endpointId, "Alias", alias, "Enable", Boolean.toString(enable)));
    }

    /** A parameter's committed value, or null. */
    static String value(TestController c, String path) {
        return c.onAgent(() -> c.agent().dataModel().view().value(path));
    }

    /** The committed instances of a table (path with '.'), in instance-number order. */
    static List<String> instances(TestController c, String table) {
        return c.onAgent(() -> {
            List<String> out = new ArrayList<>();
            for (ResolvedPath p : c.agent().dataModel().view().resolve(PathName.parse(table + "*.")).paths()) {
                out.add(p.path());
            }
            return out;
        });
    }

    /** The Response of an answer, after checking that it is one of this type. */
    static Response response(Msg answer, Header.MsgType type) {
        assertThat(answer.getBody().hasResponse()).as("a response, got %s", answer).isTrue();
        assertThat(answer.getHeader().getMsgType()).isEqualTo(type);
        return answer.getBody().getResponse();
    }

    /** The Error of an answer, after checking that it is one. */
    static Error error(Msg answer) {
        assertThat(answer.getBody().hasError()).as("an Error message, got %s", answer).isTrue();
        assertThat(answer.getHeader().getMsgType()).isEqualTo(Header.MsgType.ERROR);
        return answer.getBody().getError();
    }

    /**
     * A copy of a message without its {@code err_msg} texts, after checking that each is filled in: tests
     * compare codes and structure exactly, not the wording.
     */
    @SuppressWarnings("unchecked") // repeated message fields hold messages of the field's type
    static <T extends Message> T withoutErrMsgs(T message) {
        Message.Builder b = message.toBuilder();
        for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            if (f.getName().equals("err_msg")) {
                assertThat((String) e.getValue()).as("err_msg of %s", message).isNotBlank();
                b.clearField(f);
            } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
                if (f.isRepeated()) {
                    b.clearField(f);
                    for (Object item : (List<Object>) e.getValue()) {
                        b.addRepeatedField(f, withoutErrMsgs((Message) item));
                    }
                } else {
                    b.setField(f, withoutErrMsgs((Message) e.getValue()));
                }
            }
        }
        return (T) b.build();
    }

    /** The Error message expected, without texts (tests compare codes and paths). */
    static Error errorOf(ErrorCode code, Error.ParamError... params) {
        Error.Builder b = Error.newBuilder().setErrCode(code.code());
        for (Error.ParamError p : params) {
            b.addParamErrs(p.toBuilder().clearErrMsg());
        }
        return b.build();
    }

    static Error.ParamError perr(String path, ErrorCode code) {
        return Messages.paramError(path, code, "x");
    }
}
