package io.qsctl.zdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ZdbEndpointTest {

    @Test
    void readsHostsWithAndWithoutPort() {
        assertThat(ZdbEndpoint.parse("node1.grid.tf")).isEqualTo(new ZdbEndpoint.Tcp("node1.grid.tf", 9900));
        assertThat(ZdbEndpoint.parse("10.1.2.3:9901")).isEqualTo(new ZdbEndpoint.Tcp("10.1.2.3", 9901));
        assertThat(ZdbEndpoint.parse("tcp://10.1.2.3:9901")).isEqualTo(new ZdbEndpoint.Tcp("10.1.2.3", 9901));
    }

    @Test
    void readsIpv6LiteralsBracketedOrBare() {
        assertThat(ZdbEndpoint.parse("[2a02:1802:5e::dead:beef]:9900"))
                .isEqualTo(new ZdbEndpoint.Tcp("2a02:1802:5e::dead:beef", 9900));
        assertThat(ZdbEndpoint.parse("2a02:1802:5e::dead:beef")).isEqualTo(new ZdbEndpoint.Tcp("2a02:1802:5e::dead:beef", 9900));
        assertThat(ZdbEndpoint.parse("[::1]")).isEqualTo(new ZdbEndpoint.Tcp("::1", 9900));
        assertThat(new ZdbEndpoint.Tcp("[::1]", 1)).isEqualTo(new ZdbEndpoint.Tcp("::1", 1));
    }

    @Test
    void readsUnixSockets() {
        assertThat(ZdbEndpoint.parse("unix:///run/zdb.sock")).isEqualTo(new ZdbEndpoint.Unix(Path.of("/run/zdb.sock")));
        assertThat(ZdbEndpoint.parse("/run/zdb.sock")).isEqualTo(new ZdbEndpoint.Unix(Path.of("/run/zdb.sock")));
    }

    @Test
    void printsIpv6WithBrackets() {
        assertThat(new ZdbEndpoint.Tcp("::1", 9900)).hasToString("tcp://[::1]:9900");
        assertThat(new ZdbEndpoint.Tcp("localhost", 9900)).hasToString("tcp://localhost:9900");
        assertThat(new ZdbEndpoint.Unix(Path.of("/tmp/z"))).hasToString("unix:///tmp/z");
    }

    @Test
    void refusesBadPortsAndHosts() {
        assertThatThrownBy(() -> ZdbEndpoint.parse("host:99999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZdbEndpoint.parse("host:abc")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> ZdbEndpoint.parse("[::1")).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> ZdbEndpoint.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
