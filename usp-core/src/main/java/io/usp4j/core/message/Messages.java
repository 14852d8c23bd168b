package io.usp4j.core.message;

import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.proto.msg.Body;
import io.usp4j.core.proto.msg.Error;
import io.usp4j.core.proto.msg.Header;
import io.usp4j.core.proto.msg.Header.MsgType;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.msg.Request;
import io.usp4j.core.proto.msg.Response;
import java.util.List;
import java.util.Objects;

/**
 * Builds the USP Messages an endpoint sends: requests, responses echoing the request's {@code msg_id}
 * (R-MSG.9), and Error messages. The {@code msg_type} of the header is always derived from the body, so
 * the two cannot disagree.
 *
 * <p>Stateless and thread-safe.
 */
public final class Messages {
    private Messages() {}

    /**
     * The {@code msg_type} that matches a body. Receivers should believe the body over the header when the
     * two disagree (R-MSG.10); this is what the body says.
     *
     * @throws IllegalArgumentException when the body, or its request or response, has no member set
     */
    public static MsgType typeOf(Body body) {
        return switch (body.getMsgBodyCase()) {
            case ERROR -> MsgType.ERROR;
            case REQUEST -> typeOf(body.getRequest());
            case RESPONSE -> typeOf(body.getResponse());
            case MSGBODY_NOT_SET -> throw new IllegalArgumentException("Body has no msg_body");
        };
    }

    /**
     * The {@code msg_type} of a request.
     *
     * @throws IllegalArgumentException when the request has no {@code req_type}
     */
    public static MsgType typeOf(Request request) {
        return switch (request.getReqTypeCase()) {
            case GET -> MsgType.GET;
            case GET_SUPPORTED_DM -> MsgType.GET_SUPPORTED_DM;
            case GET_INSTANCES -> MsgType.GET_INSTANCES;
            case SET -> MsgType.SET;
            case ADD -> MsgType.ADD;
            case DELETE -> MsgType.DELETE;
            case OPERATE -> MsgType.OPERATE;
            case NOTIFY -> MsgType.NOTIFY;
            case GET_SUPPORTED_PROTOCOL -> MsgType.GET_SUPPORTED_PROTO;
            case REGISTER -> MsgType.REGISTER;
            case DEREGISTER -> MsgType.DEREGISTER;
            case REQTYPE_NOT_SET -> throw new IllegalArgumentException("Request has no req_type");
        };
    }

    /**
     * The {@code msg_type} of a response.
     *
     * @throws IllegalArgumentException when the response has no {@code resp_type}
     */
    public static MsgType typeOf(Response response) {
        return switch (response.getRespTypeCase()) {
            case GET_RESP -> MsgType.GET_RESP;
            case GET_SUPPORTED_DM_RESP -> MsgType.GET_SUPPORTED_DM_RESP;
            case GET_INSTANCES_RESP -> MsgType.GET_INSTANCES_RESP;
            case SET_RESP -> MsgType.SET_RESP;
            case ADD_RESP -> MsgType.ADD_RESP;
            case DELETE_RESP -> MsgType.DELETE_RESP;
            case OPERATE_RESP -> MsgType.OPERATE_RESP;
            case NOTIFY_RESP -> MsgType.NOTIFY_RESP;
            case GET_SUPPORTED_PROTOCOL_RESP -> MsgType.GET_SUPPORTED_PROTO_RESP;
            case REGISTER_RESP -> MsgType.REGISTER_RESP;
            case DEREGISTER_RESP -> MsgType.DEREGISTER_RESP;
            case RESPTYPE_NOT_SET -> throw new IllegalArgumentException("Response has no resp_type");
        };
    }

    /**
     * A request Message.
     *
     * @throws IllegalArgumentException when {@code msgId} is empty or the request has no type
     */
    public static Msg request(String msgId, Request request) {
        return msg(msgId, Body.newBuilder().setRequest(request).build());
    }

    /**
     * A response Message.
     *
     * @param msgId the {@code msg_id} of the request answered
     * @throws IllegalArgumentException when {@code msgId} is empty or the response has no type
     */
    public static Msg response(String msgId, Response response) {
        return msg(msgId, Body.newBuilder().setResponse(response).build());
    }

    /**
     * An Error Message.
     *
     * @param msgId the {@code msg_id} of the request answered
     * @param code the error
     * @param message the {@code err_msg}; the code's meaning when null
     * @param paramErrors per-parameter errors (Add, Set and Delete with {@code allow_partial} false)
     */
    public static Msg error(String msgId, ErrorCode code, String message, List<Error.ParamError> paramErrors) {
        return error(msgId, code.code(), message == null ? code.meaning() : message, paramErrors);
    }

    /**
     * An Error Message with a numeric code, for codes the enum does not name (7200–7299 from a data model,
     * 7800–7999 vendor codes).
     *
     * @throws IllegalArgumentException when the code is outside 7000–7999
     */
    public static Msg error(String msgId, int code, String message, List<Error.ParamError> paramErrors) {
        if (code < 7000 || code > 7999) {
            throw new IllegalArgumentException("USP error codes are 7000-7999, not " + code);
        }
        Error error = Error.newBuilder()
                .setErrCode(code)
                .setErrMsg(message == null ? "" : message)
                .addAllParamErrs(paramErrors)
                .build();
        return msg(msgId, Body.newBuilder().setError(error).build());
    }

    /** An Error Message for a failure: its code and message, no per-parameter errors. */
    public static Msg error(String msgId, UspException failure) {
        return error(msgId, failure.errorCode(), failure.getMessage(), List.of());
    }

    /**
     * One per-parameter error of an Error Message.
     *
     * @param path the full path of the parameter that failed
     * @param message the explanation; the code's meaning when null
     */
    public static Error.ParamError paramError(String path, ErrorCode code, String message) {
        return Error.ParamError.newBuilder()
                .setParamPath(path)
                .setErrCode(code.code())
                .setErrMsg(message == null ? code.meaning() : message)
                .build();
    }

    /** A per-parameter error from a failure: its code and message. */
    public static Error.ParamError paramError(String path, UspException failure) {
        return paramError(path, failure.errorCode(), failure.getMessage());
    }

    private static Msg msg(String msgId, Body body) {
        Objects.requireNonNull(msgId, "msgId");
        if (msgId.isEmpty()) {
            throw new IllegalArgumentException("msg_id must not be empty (R-MSG.8)");
        }
        return Msg.newBuilder()
                .setHeader(Header.newBuilder().setMsgId(msgId).setMsgType(typeOf(body)))
                .setBody(body)
                .build();
    }
}
