package io.qsctl.zdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ZdbConnectionAuthTest {

    private final FakeZdbServer server = FakeZdbServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSecureHashIsTheLowerCaseHexSha1OfChallengeColonPassword() {
        assertThat(SecureAuth.hash("abc", "def")).isEqualTo("0ce84d8d01f2c7b6e0882b784429c54d280ea2d9");
    }

    @Test
    void selectsAProtectedNamespaceWithoutEverSendingItsPassword() {
        server.namespace("photos", "s3cret");

        try (ZdbConnection connection = ZdbConnection.open(server.config().withNamespace("photos", "s3cret"))) {
            assertThat(connection.namespace()).contains("photos");
        }

        assertThat(server.received()).containsExactly(
                List.of("AUTH", "SECURE", "CHALLENGE"),
                List.of("SELECT", "photos", "SECURE", SecureAuth.hash(FakeZdbServer.NONCE, "s3cret")));
        assertThat(server.sawArgument("s3cret")).isFalse();
    }

    @Test
    void selectsANamespaceWithoutPasswordWithAPlainSelect() {
        server.namespace("public", "");

        try (ZdbConnection connection = ZdbConnection.open(server.config().withNamespace("public"))) {
            connection.ping();
        }

        assertThat(server.received().get(0)).containsExactly("SELECT", "public");
    }

    @Test
    void logsInAsAdminWithTheChallenge() {
        server.adminPassword("root-pw");

        try (ZdbConnection connection = ZdbConnection.open(server.config().withAdminPassword("root-pw"))) {
            connection.ping();
        }

        assertThat(server.received().get(1)).containsExactly("AUTH", "SECURE", SecureAuth.hash(FakeZdbServer.NONCE, "root-pw"));
        assertThat(server.sawArgument("root-pw")).isFalse();
    }

    @Test
    void anAdminPasswordIsNotNeededByAServerWithoutOne() {
        server.on("AUTH", (args, out, session) -> {
            if (FakeZdbServer.text(args, 2).equalsIgnoreCase("CHALLENGE")) {
                out.simpleString(FakeZdbServer.NONCE);
            } else {
                out.error("Authentication disabled");
            }
        });

        try (ZdbConnection connection = ZdbConnection.open(server.config().withAdminPassword("unused"))) {
            assertThat(connection.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void refusesToSendAPasswordInClearToAServerWithoutTheChallenge() {
        server.withoutSecureChallenge().namespace("photos", "s3cret");

        assertThatThrownBy(() -> ZdbConnection.open(server.config().withNamespace("photos", "s3cret")))
                .isInstanceOf(ZdbServerException.class)
                .hasMessageContaining("does not offer the SECURE password challenge")
                .hasMessageContaining("The password was not sent");

        assertThat(server.sawArgument("s3cret")).isFalse();
    }

    @Test
    void sendsThePasswordInClearToAnOldServerOnlyWhenAllowed() {
        server.withoutSecureChallenge().namespace("photos", "s3cret");

        try (ZdbConnection connection = ZdbConnection.open(
                server.config().withNamespace("photos", "s3cret").withPlaintextPasswordAllowed(true))) {
            assertThat(connection.ping()).isEqualTo("PONG");
        }

        assertThat(server.received()).contains(List.of("SELECT", "photos", "s3cret"));
    }

    @Test
    void aWrongPasswordFailsWithTheServersWordsAndIsNeverRetriedInClear() {
        server.namespace("photos", "right");

        assertThatThrownBy(() -> ZdbConnection.open(
                server.config().withNamespace("photos", "wrong").withPlaintextPasswordAllowed(true)))
                .isInstanceOf(ZdbServerException.class)
                .satisfies(e -> assertThat(((ZdbServerException) e).serverMessage()).isEqualTo("Access denied"));

        assertThat(server.sawArgument("wrong")).isFalse();
        assertThat(server.connectionsAccepted()).as("no reconnect attempts for a refused password").isEqualTo(1);
    }

    @Test
    void reselectsTheNamespaceAndLogsInAgainAfterAReconnect() {
        server.namespace("photos", "s3cret").adminPassword("root-pw");
        try (ZdbConnection connection = ZdbConnection.open(
                server.config().withNamespace("photos", "s3cret").withAdminPassword("root-pw"))) {

            server.dropConnections();
            connection.ping();

            assertThat(server.connectionsAccepted()).isEqualTo(2);
            assertThat(server.commandNames()).containsExactly(
                    "AUTH", "AUTH", "AUTH", "SELECT",
                    "AUTH", "AUTH", "AUTH", "SELECT", "PING");
        }
    }

    @Test
    void selectSwitchesTheNamespaceKeptAcrossReconnects() {
        server.namespace("a", "").namespace("b", "pw-b");
        try (ZdbConnection connection = ZdbConnection.open(server.config().withNamespace("a"))) {

            connection.select("b", "pw-b");
            server.dropConnections();
            connection.ping();

            assertThat(connection.namespace()).contains("b");
            List<List<String>> received = server.received();
            assertThat(received.get(received.size() - 2))
                    .containsExactly("SELECT", "b", "SECURE", SecureAuth.hash(FakeZdbServer.NONCE, "pw-b"));
        }
    }

    @Test
    void aRefusedSelectLeavesTheSessionAsItWas() {
        server.namespace("a", "").namespace("b", "pw-b");
        try (ZdbConnection connection = ZdbConnection.open(server.config().withNamespace("a"))) {

            assertThatThrownBy(() -> connection.select("b", "nope")).isInstanceOf(ZdbServerException.class);

            assertThat(connection.namespace()).contains("a");
            assertThat(connection.isConnected()).isTrue();
        }
    }

    @Test
    void selectAndAuthCannotGoThroughTheGenericCommand() {
        try (ZdbConnection connection = ZdbConnection.open(server.config())) {
            assertThatThrownBy(() -> connection.command("select", "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ZdbConnection.select()");
            assertThatThrownBy(() -> connection.pipeline().command("AUTH", "pw"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
