package io.usp4j.core.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void escapesStringsAndKeepsTheMapsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "q\"uote\\back\nline\ttab\u0001\u2028");
        m.put("a", List.of(1, true, "x"));
        m.put("n", null);
        m.put("code", 7026L);
        m.put("o", Map.of());
        assertThat(JsonText.write(m)).isEqualTo(
                "{\"b\":\"q\\\"uote\\\\back\\nline\\ttab\\u0001\\u2028\",\"a\":[1,true,\"x\"],\"n\":null,\"code\":7026,\"o\":{}}");
    }

    @Test
    void writesABootParameterMapAsUspCarriesIt() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Device.DeviceInfo.SoftwareVersion", "1.2.3");
        params.put("Device.LocalAgent.Controller.1.Alias", "acs");
        assertThat(JsonText.write(params)).isEqualTo(
                "{\"Device.DeviceInfo.SoftwareVersion\":\"1.2.3\",\"Device.LocalAgent.Controller.1.Alias\":\"acs\"}");
        assertThat(JsonText.write(Map.of())).isEqualTo("{}");
    }
}
