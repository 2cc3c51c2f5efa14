package io.qsctl.zdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ZdbClientConfigTest {

    @Test
    void defaultsAreSafe() {
        ZdbClientConfig config = ZdbClientConfig.tcp("::1");

        assertThat(config.endpoint()).isEqualTo(new ZdbEndpoint.Tcp("::1", 9900));
        assertThat(config.plaintextPasswordAllowed()).isFalse();
        assertThat(config.namespaceName()).isEmpty();
        assertThat(config.maxReplyBulkLength()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void withersChangeOneThing() {
        ZdbClientConfig base = ZdbClientConfig.tcp("h", 1);

        ZdbClientConfig changed = base.withNamespace("ns", "pw").withCommandTimeout(Duration.ofSeconds(1));

        assertThat(changed.namespace()).isEqualTo("ns");
        assertThat(changed.namespacePassword()).isEqualTo("pw");
        assertThat(changed.commandTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed.connectTimeout()).isEqualTo(base.connectTimeout());
        assertThat(base.namespace()).isNull();
    }

    @Test
    void passwordsNeverAppearInToString() {
        ZdbClientConfig config = ZdbClientConfig.tcp("h", 1).withNamespace("ns", "ns-secret").withAdminPassword("admin-secret");

        assertThat(config.toString()).doesNotContain("ns-secret", "admin-secret").contains("***");
    }

    @Test
    void refusesNonsense() {
        ZdbClientConfig base = ZdbClientConfig.tcp("h", 1);

        assertThatThrownBy(() -> base.withCommandTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withNamespace("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base.withNamespace(null, "pw")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffDoublesUpToItsCap() {
        ReconnectPolicy policy = new ReconnectPolicy(6, Duration.ofMillis(100), Duration.ofMillis(350));

        assertThat(policy.backoffBefore(1)).isZero();
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffBefore(4)).isEqualTo(Duration.ofMillis(350));
        assertThat(policy.backoffBefore(60)).isEqualTo(Duration.ofMillis(350));
    }
}
