package io.qsctl.provider.local;

import static io.qsctl.provider.local.Reservations.GIB;
import static io.qsctl.provider.local.Reservations.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.provider.BackendRole;
import io.qsctl.provider.BackendSpec;
import io.qsctl.provider.Deployment;
import io.qsctl.provider.GridException;
import io.qsctl.provider.GridException.Kind;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.ReservationBatch;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.ZdbMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What the grid's owner may ask of it has bounds; beyond them the grid says which, and changes nothing. */
class EmbeddedGridLimitsTest {

    @TempDir
    Path home;

    private final ManualTime real = new ManualTime(Instant.parse("2026-05-01T00:00:00Z"));
    private EmbeddedGrid grid;
    private TwinId twin;

    @BeforeEach
    void open() {
        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));
        twin = grid.createTwin(new TestSigner().publicKeyHex());
    }

    @AfterEach
    void close() {
        grid.close();
    }

    private static void refused(ThrowingCallable call, String... words) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GridException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.INVALID);
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    void aClockAdvanceOfMoreThanTenYearsIsRefusedNamingTheLimitAndTheClockStaysPut() {
        Instant before = grid.now();
        refused(() -> grid.advance(GridLimits.MAX_CLOCK_ADVANCE.plusDays(1)), "at most 3650d", "3651d");
        refused(() -> grid.advance(Duration.ofDays(100_000_000)), "at most 3650d", "100000000d");
        refused(() -> grid.advance(Duration.ofHours(-1)), "only goes forward");
        assertThat(grid.now()).isEqualTo(before);
    }

    @Test
    void aTenYearAdvanceIsBilledToTheEndAndSaved() {
        Instant before = grid.now();
        Instant after = grid.advance(GridLimits.MAX_CLOCK_ADVANCE);
        assertThat(after).isEqualTo(before.plus(GridLimits.MAX_CLOCK_ADVANCE));
        assertThat(grid.balance(twin)).as("a twin without contracts pays nothing").isEqualTo(Tft.of(1000));
        grid.close();
        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));
        assertThat(grid.now()).isEqualTo(after);
    }

    @Test
    void aTransferAboveTheLimitIsRefusedAndTheBalanceStays() {
        refused(() -> grid.fund(twin, GridLimits.MAX_TRANSFER.plus(new Tft(1))), "at most 1000000 TFT");
        refused(() -> grid.fund(twin, Tft.ZERO), "a transfer must be more than 0 TFT");
        refused(() -> grid.drain(twin, Optional.of(GridLimits.MAX_TRANSFER.plus(Tft.of(1)))), "at most 1000000 TFT");
        assertThat(grid.balance(twin)).isEqualTo(Tft.of(1000));
        assertThat(grid.fund(twin, GridLimits.MAX_TRANSFER)).isEqualTo(Tft.of(1_001_000));
    }

    @Test
    void aTransferThatWouldPassTheMostAnAccountHoldsIsRefused() throws Exception {
        // an account a transfer short of the most it may hold: written into the saved world, as no
        // test would live through 100,000 transfers to get there
        grid.close();
        Path file = home.resolve(WorldStore.FILE_NAME);
        ObjectNode world = (ObjectNode) JsonMapper.shared().readTree(Files.readString(file));
        for (JsonNode t : world.path("twins")) {
            if (t.path("id").asLong() == twin.value()) {
                ((ObjectNode) t).put("balance", GridLimits.MAX_BALANCE.minus(Tft.of(1)).units());
            }
        }
        Files.writeString(file, world.toString());
        grid = EmbeddedGrid.open(EmbeddedGrid.Settings.of(home).withRealTime(real));

        refused(() -> grid.fund(twin, Tft.of(2)), "would pass 100000000000 TFT, the most an account holds here");
        assertThat(grid.fund(twin, Tft.of(1))).isEqualTo(GridLimits.MAX_BALANCE);
    }

    @Test
    void anUnknownNodeIsNamedWithTheNodesThereAre() {
        assertThatThrownBy(() -> grid.stopNode(new NodeId(99))).isInstanceOfSatisfying(GridException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.getMessage()).isEqualTo("node 99 does not exist (the nodes are 1 to 36)");
        });
    }

    @Test
    void aBatchOrAQuoteOfMoreThan256BackendsIsRefused() {
        BackendSpec backend = new BackendSpec("test", "data-00", BackendRole.DATA, new NodeId(1), GIB, ZdbMode.SEQ);
        refused(() -> grid.quote(Collections.nCopies(GridLimits.MAX_BATCH + 1, backend)), "at most 256 backends");
        List<Deployment> many = new ArrayList<>();
        for (int i = 0; i <= GridLimits.MAX_BATCH; i++) {
            many.add(deployment(twin, "data-" + i, 1, GIB, ZdbMode.SEQ));
        }
        ReservationBatch batch = Reservations.batch(twin, many);
        refused(() -> grid.reserve(batch, new TestSigner().sign(batch.signingPayload())), "at most 256 deployments");
    }

    @Test
    void settingsOutsideTheBoundsAreRefusedBeforeTheGridOpens() {
        assertThatThrownBy(() -> EmbeddedGrid.Settings.of(home).withTimeScale(GridLimits.MAX_TIME_SCALE + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 1000000");
        assertThatThrownBy(() -> EmbeddedGrid.Settings.of(home).withStartingFunds(Tft.of(2_000_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 0 to 1000000 TFT");
    }
}
