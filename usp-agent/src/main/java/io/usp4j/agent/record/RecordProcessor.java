package io.usp4j.agent.record;

import io.usp4j.core.endpoint.EndpointId;
import io.usp4j.core.error.ErrorCode;
import io.usp4j.core.error.UspException;
import io.usp4j.core.message.MalformedMessageException;
import io.usp4j.core.message.MessageCodec;
import io.usp4j.core.message.Messages;
import io.usp4j.core.proto.msg.Body;
import io.usp4j.core.proto.msg.Msg;
import io.usp4j.core.proto.record.DisconnectRecord;
import io.usp4j.core.proto.record.Record;
import io.usp4j.core.record.InvalidRecordException;
import io.usp4j.core.record.MalformedRecordException;
import io.usp4j.core.record.ProtocolVersion;
import io.usp4j.core.record.RecordCodec;
import io.usp4j.core.transport.InboundRecord;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Record layer of the agent: turns what a transport delivered into Messages to process, applying the
 * spec's table of what to do with a bad Record (TR-369 R-E2E.1, R-ENC.3–5, R-MTP.5, R-MSG.4, R-E2E.6a):
 * <ul>
 *   <li>a Record for another endpoint, from this agent's own Endpoint ID (R-ARC.2), from an endpoint other than the one the transport authenticated, or
 *       that cannot be parsed: ignored (logged once);</li>
 *   <li>a Record with a missing version, {@code to_id}, {@code from_id} or payload, or whose Message is
 *       malformed: answered with an Error (7104, 7004) when it carries a Request whose {@code msg_id} can be
 *       read and the sender's Endpoint ID is valid, otherwise ignored;</li>
 *   <li>a {@code session_context} Record: E2E sessions are not offered, so it is answered with a Disconnect
 *       Record carrying 7106;</li>
 *   <li>a Request whose {@code msg_id} is still being processed for the same sender: ignored (R-MSG.4).</li>
 * </ul>
 * Good Messages go to the message consumer with the Record they came in, and answers go back on the
 * transport and to the address the Record came from, in a {@code no_session_context} Record (R-MSG.0a).
 *
 * <p>{@link #accept} runs on transport threads: it only decodes and checks, which needs no state but the
 * set of requests in progress (concurrent). Processing happens wherever the consumer puts it.
 */
public final class RecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    /**
     * A Message ready for the agent: the Record's sender and the way back.
     *
     * @param record the Record it came in
     * @param msg the decoded Message
     * @param origin what the transport delivered
     */
    public record Incoming(Record record, Msg msg, InboundRecord origin) {
        /** The sender's Endpoint ID. */
        public String fromId() {
            return record.getFromId();
        }
    }

    private final String endpointId;
    private final Consumer<Incoming> consumer;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    /**
     * Creates the processor.
     *
     * @param endpointId this agent's Endpoint ID
     * @param consumer where good Messages go; must call {@link #answer} or {@link #done} for each Request
     */
    public RecordProcessor(String endpointId, Consumer<Incoming> consumer) {
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    /** Handles one delivered Record. Any thread. */
    public void accept(InboundRecord in) {
        Record record;
        try {
            record = RecordCodec.decode(in.bytes());
        } catch (MalformedRecordException e) {
            // Without the Record we cannot read a msg_id, so R-MTP.5 says to ignore it.
            LOG.warn("ignoring an unparsable Record from {}: {}", in.replyTo(), e.getMessage());
            return;
        }
        if (!endpointId.equals(record.getToId())) {
            LOG.warn("ignoring a Record for {} from {}: this agent is {}", record.getToId(), record.getFromId(), endpointId);
            return;
        }
        if (endpointId.equals(record.getFromId())) {
            LOG.warn("ignoring a Record that claims to come from this agent's own Endpoint ID (R-ARC.2)");
            return;
        }
        if (in.authenticatedEndpointId() != null && !in.authenticatedEndpointId().equals(record.getFromId())) {
            LOG.warn("ignoring a Record claiming to be from {} on a channel authenticated as {}", record.getFromId(),
                    in.authenticatedEndpointId());
            return;
        }
        try {
            RecordCodec.validate(record);
        } catch (InvalidRecordException e) {
            LOG.warn("invalid Record from {}: {}", record.getFromId(), e.getMessage());
            answerIfRequest(in, record, e);
            return;
        }
        switch (record.getRecordTypeCase()) {
            case NO_SESSION_CONTEXT:
                break;
            case SESSION_CONTEXT:
                LOG.warn("refusing an E2E session context from {}: not offered", record.getFromId());
                send(in, record.getFromId(), Record.newBuilder()
                        .setVersion(ProtocolVersion.CURRENT.toString())
                        .setToId(record.getFromId())
                        .setFromId(endpointId)
                        .setDisconnect(DisconnectRecord.newBuilder()
                                .setReasonCode(ErrorCode.SESSION_CONTEXT_NOT_ALLOWED.code())
                                .setReason("E2E session contexts are not supported"))
                        .build());
                return;
            case DISCONNECT:
                LOG.info("{} sent a Disconnect Record: {} {}", record.getFromId(), record.getDisconnect().getReasonCode(),
                        record.getDisconnect().getReason());
                return;
            default:
                LOG.debug("{} announced itself with a {} Record", record.getFromId(), record.getRecordTypeCase());
                return;
        }
        Msg msg;
        try {
            msg = MessageCodec.decode(RecordCodec.payload(record));
        } catch (MalformedMessageException e) {
            LOG.warn("malformed Message from {}: {}", record.getFromId(), e.getMessage());
            if (e.isRequest() && e.msgId().isPresent() && validEndpoint(record.getFromId())) {
                send(in, record.getFromId(), RecordCodec.noSessionContext(record.getFromId(), endpointId,
                        Messages.error(e.msgId().get(), e)));
            }
            return;
        }
        if (msg.getBody().getMsgBodyCase() == Body.MsgBodyCase.REQUEST
                && !inProgress.add(key(record.getFromId(), msg.getHeader().getMsgId()))) {
            LOG.debug("ignoring a repeat of {} from {} while it is processed", msg.getHeader().getMsgId(), record.getFromId());
            return;
        }
        consumer.accept(new Incoming(record, msg, in));
    }

    /** Sends the answer to a Request and forgets that it is in progress. Any thread. */
    public void answer(Incoming request, Msg response) {
        try {
            if (response != null) {
                send(request.origin(), request.fromId(), RecordCodec.noSessionContext(request.fromId(), endpointId, response));
            }
        } finally {
            done(request);
        }
    }

    /** Forgets that a Request is in progress without answering it. Any thread. */
    public void done(Incoming request) {
        inProgress.remove(key(request.fromId(), request.msg().getHeader().getMsgId()));
    }

    private void answerIfRequest(InboundRecord in, Record record, UspException failure) {
        if (!validEndpoint(record.getFromId()) || !record.hasNoSessionContext()) {
            return;
        }
        try {
            Msg msg = MessageCodec.decode(RecordCodec.payload(record));
            if (msg.getBody().hasRequest()) {
                send(in, record.getFromId(), RecordCodec.noSessionContext(record.getFromId(), endpointId,
                        Messages.error(msg.getHeader().getMsgId(), failure.errorCode(), failure.getMessage(), List.of())));
            }
        } catch (MalformedMessageException e) {
            LOG.debug("no readable request in the invalid Record from {}", record.getFromId());
        }
    }

    private static boolean validEndpoint(String id) {
        return EndpointId.isValid(id);
    }

    private void send(InboundRecord in, String to, Record record) {
        in.transport().send(in.replyTo(), RecordCodec.encode(record)).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("could not send a Record to {} on {}: {}", to, in.transport().protocol(), failure.toString());
            }
        });
    }

    private static String key(String from, String msgId) {
        return from + '\u0000' + msgId;
    }
}
