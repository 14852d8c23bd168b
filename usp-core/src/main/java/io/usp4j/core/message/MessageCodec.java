package io.usp4j.core.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.usp4j.core.internal.StrictDecoding;
import io.usp4j.core.proto.msg.Body;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import java.util.Objects;

/**
 * Turns USP Messages into bytes and back, strictly (R-MSG.5–8, R-ENC.3/5): exactly one header and one
 * body, a {@code msg_id}, exactly one member in every oneof.
 *
 * <p>Stateless and thread-safe.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** Serializes a Message. */
    public static byte[] encode(Msg msg) {
        return msg.toByteArray();
    }

    /**
     * Parses and checks a Message.
     *
     * @throws MalformedMessageException (USP 7004) when the bytes are not a valid USP Message
     */
    public static Msg decode(ByteString bytes) {
        return decode(bytes.toByteArray());
    }

    /**
     * Parses and checks a Message.
     *
     * @throws MalformedMessageException (USP 7004) when the bytes are not a valid USP Message
     */
    public static Msg decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        Msg msg;
        try {
            msg = Msg.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            Msg partial = (Msg) e.getUnfinishedMessage();
            throw malformed("not a USP Message: " + e.getMessage(), partial, e);
        }
        String conflict;
        try {
            conflict = StrictDecoding.firstOneofConflict(Msg.getDescriptor(), bytes);
        } catch (InvalidProtocolBufferException e) {
            throw malformed("not a USP Message: " + e.getMessage(), msg, e);
        }
        if (conflict != null) {
            throw malformed("oneof " + conflict + " has more than one member", msg, null);
        }
        check(msg);
        return msg;
    }

    /**
     * Checks a Message built or parsed elsewhere against the rules {@link #decode} applies (all but the
     * several-members-in-a-oneof rule, which only raw bytes can break).
     *
     * @throws MalformedMessageException (USP 7004) naming the first rule broken
     */
    public static void check(Msg msg) {
        if (!msg.hasHeader()) {
            throw malformed("Message has no header", msg, null);
        }
        if (msg.getHeader().getMsgId().isEmpty()) {
            throw malformed("Message has no msg_id", msg, null);
        }
        if (!msg.hasBody()) {
            throw malformed("Message has no body", msg, null);
        }
        Body body = msg.getBody();
        switch (body.getMsgBodyCase()) {
            case REQUEST -> {
                if (body.getRequest().getReqTypeCase() == Request.ReqTypeCase.REQTYPE_NOT_SET) {
                    throw malformed("Request has no req_type", msg, null);
                }
            }
            case RESPONSE -> {
                if (body.getResponse().getRespTypeCase() == Response.RespTypeCase.RESPTYPE_NOT_SET) {
                    throw malformed("Response has no resp_type", msg, null);
                }
            }
            case ERROR -> {
                // An Error has no oneof of its own.
            }
            case MSGBODY_NOT_SET -> throw malformed("Body has no msg_body", msg, null);
        }
    }

    private static MalformedMessageException malformed(String message, Msg partial, Throwable cause) {
        String msgId = partial == null ? null : partial.getHeader().getMsgId();
        boolean request = partial != null && (partial.getBody().hasRequest()
                || (!partial.getBody().hasResponse() && !partial.getBody().hasError() && isRequestType(partial.getHeader().getMsgType())));
        return new MalformedMessageException(message, msgId, request, cause);
    }

    /** True for the message types of requests, so a Message whose body is unreadable can still be answered. */
    private static boolean isRequestType(Header.MsgType type) {
        switch (type) {
            case GET:
            case SET:
            case ADD:
            case DELETE:
            case OPERATE:
            case NOTIFY:
            case GET_SUPPORTED_DM:
            case GET_INSTANCES:
            case GET_SUPPORTED_PROTO:
            case REGISTER:
            case DEREGISTER:
                return true;
            default:
                return false;
        }
    }
}
