package io.qsctl.provider.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.ContractState;
import io.qsctl.provider.Tft;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Billing, grace and settlement, on a world with one node, by a clock the test moves. */
class LedgerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final long GIB = 1024L * 1024 * 1024;
    /** 1200 GiB on a node at price 1.0: exactly 0.5 TFT per hour. */
    private static final long HALF_TFT_AN_HOUR = 1200 * GIB;
    private static final long TWIN = 10;

    private World world;
    private RecordingNodes nodes;
    private Ledger ledger;

    /** A fake node side that remembers what the ledger asked of it. */
    static final class RecordingNodes implements NodeActions {
        final List<String> calls = new ArrayList<>();

        @Override
        public void lock(ContractRecord contract) {
            calls.add("lock " + contract.id());
        }

        @Override
        public void unlock(ContractRecord contract) {
            calls.add("unlock " + contract.id());
        }

        @Override
        public void delete(ContractRecord contract) {
            calls.add("delete " + contract.id());
        }
    }

    @BeforeEach
    void world() {
        world = new World(1, 100, 1);
        world.put(new FarmRecord(1, "farm", 1, false));
        world.put(new NodeRecord(1, 1, 2, "BE", "Ghent", 0, 0, 8, 32 * GIB, 512 * GIB, 16 * 1024 * GIB, 1000, "up",
                T0.minus(Duration.ofDays(3)), T0, 0));
        nodes = new RecordingNodes();
        ledger = new Ledger(world, nodes);
    }

    private void balance(String tft) {
        world.put(new TwinRecord(TWIN, "ab".repeat(32), Tft.parse(tft).units()));
    }

    private Tft balance() {
        return new Tft(world.twin(TWIN).orElseThrow().balance());
    }

    private ContractRecord contract(long id, Instant created) {
        ContractRecord c = ContractRecord.created(id, TWIN, 1, "h" + id, "{}", HALF_TFT_AN_HOUR, TWIN + "-" + id + "-b", created);
        world.put(c);
        return c;
    }

    private ContractRecord reload(long id) {
        return world.contract(id).orElseThrow();
    }

    @Test
    void billsEachContractOnceEveryGridHourFromItsCreation() {
        balance("10");
        contract(1, T0);
        assertThat(ledger.bill(T0.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(balance()).isEqualTo(Tft.of(10));
        ledger.bill(T0.plus(Duration.ofHours(1)));
        assertThat(balance()).isEqualTo(Tft.parse("9.5"));
        ledger.bill(T0.plus(Duration.ofMinutes(210)));
        assertThat(balance()).isEqualTo(Tft.parse("8.5"));
        assertThat(reload(1).billedUntil()).isEqualTo(T0.plus(Duration.ofHours(3)));
    }

    @Test
    void aClockThatJumpedThirtyDaysIsBilledHourByHour() {
        balance("1000");
        contract(1, T0);
        ledger.bill(T0.plus(Duration.ofDays(30)));
        assertThat(balance()).isEqualTo(Tft.of(1000 - 360));
        assertThat(reload(1).billedUntil()).isEqualTo(T0.plus(Duration.ofHours(720)));
        assertThat(reload(1).state()).isEqualTo(ContractState.CREATED);
    }

    @Test
    void aContractTheWalletCannotPayGoesIntoGraceOwingTheRestAndItsNamespaceIsLocked() {
        balance("1.2");
        contract(1, T0);
        ledger.bill(T0.plus(Duration.ofHours(3)));
        ContractRecord c = reload(1);
        assertThat(c.state()).isEqualTo(ContractState.GRACE);
        assertThat(c.graceSince()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(new Tft(c.debt())).isEqualTo(Tft.parse("0.3"));
        assertThat(balance()).isEqualTo(Tft.ZERO);
        assertThat(nodes.calls).containsExactly("lock 1");
    }

    @Test
    void everyHourOfGraceAddsToTheDebt() {
        balance("1.2");
        contract(1, T0);
        ledger.bill(T0.plus(Duration.ofHours(5)));
        assertThat(new Tft(reload(1).debt())).isEqualTo(Tft.parse("1.3"));
        assertThat(ledger.debt(TWIN)).isEqualTo(Tft.parse("1.3"));
    }

    @Test
    void fundsSettleDebtsOldestGraceFirstAndUnlockWhatWasPaid() {
        balance("0.7");
        contract(1, T0);
        contract(2, T0.plus(Duration.ofMinutes(30)));
        // hour 1 of contract 1 is paid (0.2 left); contract 2's first hour finds 0.2: grace, owes 0.3;
        // contract 1's second hour finds nothing: grace, owes 0.5
        ledger.bill(T0.plus(Duration.ofHours(2)));
        assertThat(reload(2).graceSince()).isBefore(reload(1).graceSince());
        ledger.fund(TWIN, Tft.parse("0.4"));
        assertThat(reload(2).state()).isEqualTo(ContractState.CREATED);
        assertThat(reload(1).state()).isEqualTo(ContractState.GRACE);
        assertThat(balance()).isEqualTo(Tft.parse("0.1"));
        assertThat(nodes.calls).containsExactly("lock 2", "lock 1", "unlock 2");
        ledger.fund(TWIN, Tft.of(10));
        assertThat(reload(1).state()).isEqualTo(ContractState.CREATED);
        assertThat(reload(1).graceSince()).isNull();
        assertThat(nodes.calls).endsWith("unlock 1");
    }

    @Test
    void fourteenDaysOfGraceDeleteTheContractAndItsNamespace() {
        balance("0");
        contract(1, T0);
        ledger.bill(T0.plus(Duration.ofHours(1)));
        Instant graceSince = reload(1).graceSince();
        ledger.bill(graceSince.plus(Duration.ofDays(14)).minusSeconds(1));
        assertThat(reload(1).state()).isEqualTo(ContractState.GRACE);
        ledger.bill(graceSince.plus(Duration.ofDays(14)));
        ContractRecord gone = reload(1);
        assertThat(gone.state()).isEqualTo(ContractState.DELETED);
        assertThat(gone.deletedWhy()).isEqualTo(ContractRecord.OUT_OF_FUNDS);
        assertThat(gone.deletedAt()).isEqualTo(graceSince.plus(Duration.ofDays(14)));
        assertThat(nodes.calls).containsExactly("lock 1", "delete 1");
    }

    @Test
    void deletedContractsAreNoLongerBilled() {
        balance("0");
        contract(1, T0);
        ledger.bill(T0.plus(Duration.ofDays(20)));
        ledger.fund(TWIN, Tft.of(5));
        ledger.bill(T0.plus(Duration.ofDays(40)));
        assertThat(balance()).isEqualTo(Tft.of(5));
    }

    @Test
    void cancellingBillsThePartHourAndDeletesTheNamespace() {
        balance("10");
        contract(1, T0);
        ledger.cancel(reload(1), T0.plus(Duration.ofMinutes(30)));
        assertThat(balance()).isEqualTo(Tft.parse("9.75"));
        assertThat(reload(1).state()).isEqualTo(ContractState.DELETED);
        assertThat(reload(1).deletedWhy()).isEqualTo(ContractRecord.CANCELED_BY_USER);
        assertThat(nodes.calls).containsExactly("delete 1");
    }

    @Test
    void drainingTakesWhatIsAskedOrEverything() {
        balance("10");
        assertThat(ledger.drain(TWIN, Tft.of(4))).isEqualTo(Tft.of(4));
        assertThat(balance()).isEqualTo(Tft.of(6));
        assertThat(ledger.drain(TWIN, null)).isEqualTo(Tft.of(6));
        assertThat(balance()).isEqualTo(Tft.ZERO);
    }
}
