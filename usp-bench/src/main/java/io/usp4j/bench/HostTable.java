package io.usp4j.bench;

import io.usp4j.core.value.ValueType;
import io.usp4j.datamodel.instance.DataModel;
import io.usp4j.datamodel.instance.ParamSetting;
import io.usp4j.datamodel.instance.Transaction;
import io.usp4j.datamodel.schema.ObjectAccess;
import io.usp4j.datamodel.schema.ObjectDef;
import io.usp4j.datamodel.schema.ParameterAccess;
import io.usp4j.datamodel.schema.ParameterDef;
import io.usp4j.datamodel.schema.SupportedDataModel;
import io.usp4j.datamodel.schema.Syntax;
import io.usp4j.datamodel.schema.UniqueKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema the data-model benchmarks share: {@code Device.X.Host.{i}.}, a library-backed (ADD_DELETE)
 * table with ten parameters (five strings, two booleans, three unsignedInts), keyed by {@code Alias}, counted
 * by {@code Device.X.HostNumberOfEntries}; and the values of its rows.
 */
final class HostTable {
    static final String TABLE = "Device.X.Host.";
    static final String ROW = "Device.X.Host.{i}.";

    /** The parameter names, in schema order. */
    static final List<String> NAMES = List.of("Alias", "HostName", "MACAddress", "IPAddress", "InterfaceType",
            "Enable", "Active", "Port", "LeaseTimeRemaining", "BytesSent");
    static final int ALIAS = 0;
    static final int HOST_NAME = 1;
    static final int MAC = 2;
    static final int IP = 3;
    static final int INTERFACE_TYPE = 4;
    static final int ENABLE = 5;
    static final int ACTIVE = 6;
    static final int PORT = 7;
    static final int LEASE = 8;
    static final int BYTES_SENT = 9;

    private HostTable() {}

    static SupportedDataModel schema() {
        return SupportedDataModel.builder()
                .add(ObjectDef.builder("Device.").build())
                .add(ObjectDef.builder("Device.X.")
                        .parameter(ParameterDef.readOnly("HostNumberOfEntries", ValueType.UNSIGNED_INT))
                        .build())
                .add(ObjectDef.builder(ROW)
                        .access(ObjectAccess.ADD_DELETE)
                        .numEntriesParameter("HostNumberOfEntries")
                        .parameter(ParameterDef.builder("Alias",
                                Syntax.builder(ValueType.STRING).dataType("Alias").maxLength(64).build())
                                .access(ParameterAccess.READ_WRITE).build())
                        .parameter(ParameterDef.readWrite("HostName", ValueType.STRING))
                        .parameter(ParameterDef.readWrite("MACAddress", ValueType.STRING))
                        .parameter(ParameterDef.readWrite("IPAddress", ValueType.STRING))
                        .parameter(ParameterDef.readWrite("InterfaceType", ValueType.STRING))
                        .parameter(ParameterDef.readWrite("Enable", ValueType.BOOLEAN))
                        .parameter(ParameterDef.readWrite("Active", ValueType.BOOLEAN))
                        .parameter(ParameterDef.readWrite("Port", ValueType.UNSIGNED_INT))
                        .parameter(ParameterDef.readWrite("LeaseTimeRemaining", ValueType.UNSIGNED_INT))
                        .parameter(ParameterDef.readWrite("BytesSent", ValueType.UNSIGNED_INT))
                        .uniqueKey(UniqueKey.nonFunctional("Alias"))
                        .build())
                .build();
    }

    /**
     * The firmware's own typed values of row {@code n} (1-based): what a driver would hold. Every string is
     * a fresh object, as it would be after decoding a message or reading a driver.
     */
    static Object[] typedValues(int n) {
        Object[] v = new Object[NAMES.size()];
        v[ALIAS] = "alias-" + n;
        v[HOST_NAME] = "host-" + n;
        v[MAC] = String.format("02:00:00:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
        v[IP] = "10.0." + ((n >> 8) & 0xff) + "." + (n & 0xff);
        v[INTERFACE_TYPE] = new String(n % 3 == 0 ? "Wi-Fi" : "Ethernet");
        v[ENABLE] = n % 2 == 0;
        v[ACTIVE] = n % 5 != 0;
        v[PORT] = (long) (1024 + n % 60_000);
        v[LEASE] = (long) (86_400 - n % 86_400);
        v[BYTES_SENT] = (long) n * 7919L % 4_000_000_000L;
        return v;
    }

    /** The values of row {@code n} in lexical form, as a Controller's Add would carry them. */
    static List<ParamSetting> settings(int n) {
        Object[] v = typedValues(n);
        List<ParamSetting> out = new ArrayList<>(v.length);
        for (int k = 0; k < v.length; k++) {
            out.add(ParamSetting.of(NAMES.get(k), String.valueOf(v[k])));
        }
        return out;
    }

    /** Adds rows {@code first..last} (1-based, inclusive) with their values in one transaction. */
    static void addRows(DataModel model, int first, int last) {
        Transaction tx = model.begin();
        for (int n = first; n <= last; n++) {
            tx.add(TABLE, settings(n));
        }
        tx.commit();
    }
}
