package io.usp4j.mtp.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The eid encoding (R-WS.10b/c) and header parsing. */
class UspWebSocketTest {
    @Test
    void percentIsEncodedSoTheIdIsOpaque() {
        assertThat(UspWebSocket.encodeEid("doc::agent%21")).isEqualTo("doc::agent%2521");
        assertThat(UspWebSocket.encodeEid("os::012345-ABCDEF.x_y~z")).isEqualTo("os::012345-ABCDEF.x_y~z");
        assertThat(UspWebSocket.encodeEid("a b&c=d+e/f")).isEqualTo("a%20b%26c%3Dd%2Be%2Ff");
        assertThat(UspWebSocket.encodeEid("é")).isEqualTo("%C3%A9");
    }

    @Test
    void decodingReversesEncoding() {
        for (String id : new String[] {"doc::agent%21", "a b&c=d+e/f", "proto::é", "self::x"}) {
            assertThat(UspWebSocket.decodeEid(UspWebSocket.encodeEid(id))).isEqualTo(id);
        }
        assertThat(UspWebSocket.decodeEid("a+b")).isEqualTo("a+b");
        assertThatThrownBy(() -> UspWebSocket.decodeEid("a%2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UspWebSocket.decodeEid("a%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eidIsFoundAmongOtherQueryItems() {
        assertThat(UspWebSocket.eidFromQuery("x=1&eid=doc::agent%2521&y=2")).isEqualTo("doc::agent%21");
        assertThat(UspWebSocket.eidFromQuery("x=1")).isNull();
        assertThat(UspWebSocket.eidFromQuery("eid=")).isNull();
        assertThat(UspWebSocket.eidFromQuery(null)).isNull();
        assertThat(UspWebSocket.eidFromQuery("eid=%zz")).isNull();
    }

    @Test
    void extensionHeaderIsParsed() {
        assertThat(UspWebSocket.eidFromExtensions("permessage-deflate, bbf-usp-protocol; eid=\"proto::c\"")).isEqualTo("proto::c");
        assertThat(UspWebSocket.eidFromExtensions("bbf-usp-protocol; eid=proto::c")).isEqualTo("proto::c");
        assertThat(UspWebSocket.eidFromExtensions("bbf-usp-protocol")).isEmpty();
        assertThat(UspWebSocket.eidFromExtensions("permessage-deflate")).isNull();
        assertThat(UspWebSocket.eidFromExtensions(null)).isNull();
    }

    @Test
    void subprotocolListIsSearched() {
        assertThat(UspWebSocket.offersUsp("chat, v1.usp")).isTrue();
        assertThat(UspWebSocket.offersUsp("v1.usp")).isTrue();
        assertThat(UspWebSocket.offersUsp("v2.usp")).isFalse();
        assertThat(UspWebSocket.offersUsp(null)).isFalse();
    }
}
