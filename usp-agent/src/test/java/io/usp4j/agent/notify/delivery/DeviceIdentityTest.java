package io.usp4j.agent.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where an OnBoardRequest's OUI, product class and serial number can come from. */
class DeviceIdentityTest {

    @Test
    void osEndpointIdGivesOuiAndSerialNumber() {
        assertThat(DeviceIdentity.fromEndpointId("os::00D09E-GW0001")).isEqualTo(new DeviceIdentity("00D09E", "", "GW0001"));
        // The serial number may itself contain '-' and escapes.
        assertThat(DeviceIdentity.fromEndpointId("os::00D09E-AB-12%2F3")).isEqualTo(new DeviceIdentity("00D09E", "", "AB-12/3"));
    }

    @Test
    void opsEndpointIdGivesAllThree() {
        assertThat(DeviceIdentity.fromEndpointId("ops::00D09E-HGW%2DX-SN-7"))
                .isEqualTo(new DeviceIdentity("00D09E", "HGW-X", "SN-7"));
    }

    @Test
    void otherEndpointIdsTellNothing() {
        assertThat(DeviceIdentity.fromEndpointId("proto::agent-under-test")).isEqualTo(DeviceIdentity.UNKNOWN);
        assertThat(DeviceIdentity.fromEndpointId("oui:00D09E:GW0001")).isEqualTo(DeviceIdentity.UNKNOWN);
        assertThat(DeviceIdentity.fromEndpointId("not an endpoint id")).isEqualTo(DeviceIdentity.UNKNOWN);
        assertThat(DeviceIdentity.fromEndpointId(null)).isEqualTo(DeviceIdentity.UNKNOWN);
    }

    @Test
    void orFillsOnlyEmptyFields() {
        DeviceIdentity partial = new DeviceIdentity("", "HGW", "");
        assertThat(partial.or(new DeviceIdentity("00D09E", "OTHER", "SN"))).isEqualTo(new DeviceIdentity("00D09E", "HGW", "SN"));
        assertThat(DeviceIdentity.UNKNOWN.or(DeviceIdentity.UNKNOWN)).isEqualTo(DeviceIdentity.UNKNOWN);
    }
}
