package io.usp4j.agent;

import io.usp4j.agent.transport.MtpProtocol;
import io.usp4j.datamodel.binding.ChangeHandler;
import io.usp4j.datamodel.binding.ObjectBinding;
import io.usp4j.datamodel.binding.ObjectChange;
import io.usp4j.datamodel.binding.ObjectInstance;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's binding of {@code Device.LocalAgent.MTP.{i}.} from the {@link MtpProtocol}s MTP bindings
 * contributed. Stateless; the binding runs on the agent thread.
 */
final class MtpRows {
    private static final Logger LOG = LoggerFactory.getLogger(MtpRows.class);

    private MtpRows() {}

    static ObjectBinding binding(Map<String, MtpProtocol> protocols) {
        Map<String, MtpProtocol> byName = Map.copyOf(protocols);
        List<ChangeHandler> handlers = protocols.values().stream().map(MtpProtocol::onChange).toList();
        return ObjectBinding.builder()
                .getter("Status", row -> status(byName, row))
                .onChange(new ChangeHandler() {
                    @Override
                    public void validate(ObjectChange change) {
                        for (ChangeHandler h : handlers) {
                            h.validate(change);
                        }
                    }

                    @Override
                    public void apply(ObjectChange change) throws Exception {
                        for (ChangeHandler h : handlers) {
                            h.apply(change);
                        }
                    }

                    @Override
                    public void rollback(ObjectChange change) {
                        for (ChangeHandler h : handlers) {
                            try {
                                h.rollback(change);
                            } catch (RuntimeException e) {
                                LOG.warn("{}: an MTP binding failed to roll back", change.instance().path(), e);
                            }
                        }
                    }
                })
                .build();
    }

    private static String status(Map<String, MtpProtocol> byName, ObjectInstance row) {
        if (!"true".equals(row.value("Enable"))) {
            return MtpProtocol.DOWN;
        }
        String protocol = row.value("Protocol");
        MtpProtocol p = protocol == null ? null : byName.get(protocol);
        return p == null ? MtpProtocol.UP : p.status().apply(row);
    }
}
