package io.usp4j.agent.notify.delivery;

import io.usp4j.core.endpoint.AuthorityScheme;
import io.usp4j.core.endpoint.EndpointId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the device is, as an OnBoardRequest tells a Controller: the values of {@code Device.DeviceInfo.}
 * {@code ManufacturerOUI}, {@code ProductClass} and {@code SerialNumber}. An empty field means "not known
 * here"; {@link #or} fills it from another source. Immutable.
 *
 * @param oui the manufacturer's OUI, six upper-case hex digits ({@code 00D09E}), or empty
 * @param productClass the product class, or empty
 * @param serialNumber the serial number, or empty
 */
public record DeviceIdentity(String oui, String productClass, String serialNumber) {
    /** Nothing known. */
    public static final DeviceIdentity UNKNOWN = new DeviceIdentity("", "", "");

    /** @throws NullPointerException when a field is null (use empty strings for unknown ones) */
    public DeviceIdentity {
        Objects.requireNonNull(oui, "oui");
        Objects.requireNonNull(productClass, "productClass");
        Objects.requireNonNull(serialNumber, "serialNumber");
    }

    /**
     * What an {@code os::<OUI>-<SerialNumber>} or {@code ops::<OUI>-<ProductClass>-<SerialNumber>} Endpoint ID
     * says about the device (TR-369 "Endpoint Identifier"), with percent-escapes decoded; {@link #UNKNOWN} for
     * any other Endpoint ID, or text that is not one.
     */
    public static DeviceIdentity fromEndpointId(String endpointId) {
        Optional<EndpointId> parsed = endpointId == null ? Optional.empty() : EndpointId.tryParse(endpointId);
        if (parsed.isEmpty()) {
            return UNKNOWN;
        }
        EndpointId id = parsed.get();
        String instance = id.instanceId();
        int first = instance.indexOf('-');
        if (first <= 0 || (id.scheme() != AuthorityScheme.OS && id.scheme() != AuthorityScheme.OPS)) {
            return UNKNOWN;
        }
        String oui = instance.substring(0, first);
        if (id.scheme() == AuthorityScheme.OS) {
            return new DeviceIdentity(oui, "", decode(instance.substring(first + 1)));
        }
        int second = instance.indexOf('-', first + 1);
        if (second < 0) {
            return UNKNOWN;
        }
        return new DeviceIdentity(oui, decode(instance.substring(first + 1, second)), decode(instance.substring(second + 1)));
    }

    /** This identity with each empty field taken from {@code other}. */
    public DeviceIdentity or(DeviceIdentity other) {
        return new DeviceIdentity(
                oui.isEmpty() ? other.oui : oui,
                productClass.isEmpty() ? other.productClass : productClass,
                serialNumber.isEmpty() ? other.serialNumber : serialNumber);
    }

    private static String decode(String escaped) {
        byte[] out = new byte[escaped.length()];
        int n = 0;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') { // a valid Endpoint ID has two hex digits after every '%'
                out[n++] = (byte) Integer.parseInt(escaped.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
