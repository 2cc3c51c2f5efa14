package io.qsctl.provider.local;

import io.qsctl.provider.ContractState;
import io.qsctl.provider.Tft;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Money on the embedded grid, by TFChain's rules (docs/tfgrid.md §4): every contract is billed
 * each hour of grid time from its creation; a contract its twin cannot pay goes into grace (the
 * node locks its namespace), the unpaid amount becomes its debt and later hours add to it; funds
 * arriving settle debts oldest first and end the grace (unlock); 14 days of grace delete the
 * contract and its namespace.
 */
final class Ledger {

    static final Duration BILLING_PERIOD = Duration.ofHours(1);
    static final Duration GRACE_PERIOD = Duration.ofDays(14);

    private final World world;
    private final NodeActions nodes;

    Ledger(World world, NodeActions nodes) {
        this.world = world;
        this.nodes = nodes;
    }

    /** What a contract of {@code size} bytes on {@code node} costs per hour. */
    Tft hourly(NodeRecord node, long size) {
        return Pricing.hourly(size, node.priceMille(), world.certified(node));
    }

    Tft hourly(ContractRecord contract) {
        NodeRecord node = world.node(contract.node()).orElseThrow();
        return hourly(node, contract.size());
    }

    /**
     * Bills every hour that has come due up to {@code now}, in time order across contracts, so a
     * clock that jumped 30 days is billed hour by hour as if it had run. Returns whether anything
     * changed.
     */
    boolean bill(Instant now) {
        PriorityQueue<ContractRecord> due = new PriorityQueue<>(
                Comparator.comparing(ContractRecord::billedUntil).thenComparingLong(ContractRecord::id));
        for (ContractRecord c : world.contracts()) {
            if (c.live() && !c.billedUntil().plus(BILLING_PERIOD).isAfter(now)) {
                due.add(c);
            }
        }
        boolean changed = !due.isEmpty();
        while (!due.isEmpty()) {
            ContractRecord next = billOneHour(due.poll());
            if (next.live() && !next.billedUntil().plus(BILLING_PERIOD).isAfter(now)) {
                due.add(next);
            }
        }
        return changed;
    }

    private ContractRecord billOneHour(ContractRecord contract) {
        Instant tick = contract.billedUntil().plus(BILLING_PERIOD);
        if (contract.state() == ContractState.GRACE && !tick.isBefore(contract.graceSince().plus(GRACE_PERIOD))) {
            ContractRecord gone = contract.billed(tick).deleted(tick, ContractRecord.OUT_OF_FUNDS);
            world.put(gone);
            nodes.delete(gone);
            return gone;
        }
        long cost = hourly(contract).units();
        TwinRecord twin = world.twin(contract.twin()).orElseThrow();
        ContractRecord after;
        if (contract.state() == ContractState.CREATED) {
            if (twin.balance() >= cost) {
                world.put(twin.withBalance(twin.balance() - cost));
                after = contract.billed(tick);
            } else {
                world.put(twin.withBalance(0));
                after = contract.billed(tick).inGrace(tick, cost - twin.balance());
                nodes.lock(after);
            }
        } else {
            long owed = contract.debt() + cost;
            if (twin.balance() >= owed) {
                world.put(twin.withBalance(twin.balance() - owed));
                after = contract.billed(tick).settled();
                nodes.unlock(after);
            } else {
                after = contract.billed(tick).owing(owed);
            }
        }
        world.put(after);
        return after;
    }

    /** Adds funds (a transfer or the faucet) and settles the twin's debts with them, oldest grace first. */
    void fund(long twinId, Tft amount) {
        if (amount.units() <= 0) {
            throw new IllegalArgumentException("an amount to transfer is positive");
        }
        TwinRecord twin = world.twin(twinId).orElseThrow();
        world.put(twin.withBalance(Math.addExact(twin.balance(), amount.units())));
        settleDebts(twinId);
    }

    /** Takes funds away (all of them when {@code amount} is null): the wallet-empty case, on purpose. */
    Tft drain(long twinId, Tft amount) {
        TwinRecord twin = world.twin(twinId).orElseThrow();
        long taken = amount == null ? twin.balance() : Math.min(twin.balance(), amount.units());
        world.put(twin.withBalance(twin.balance() - taken));
        return new Tft(taken);
    }

    private void settleDebts(long twinId) {
        List<ContractRecord> graced = world.contracts().stream()
                .filter(c -> c.twin() == twinId && c.state() == ContractState.GRACE)
                .sorted(Comparator.comparing(ContractRecord::graceSince).thenComparingLong(ContractRecord::id))
                .toList();
        for (ContractRecord contract : graced) {
            TwinRecord twin = world.twin(twinId).orElseThrow();
            if (twin.balance() < contract.debt()) {
                return;
            }
            world.put(twin.withBalance(twin.balance() - contract.debt()));
            ContractRecord settled = contract.settled();
            world.put(settled);
            nodes.unlock(settled);
        }
    }

    /**
     * Cancels a contract: its last part-hour is billed (in proportion, as TFChain does when a
     * contract ends; what the wallet cannot pay is written off), and the node deletes the namespace.
     */
    ContractRecord cancel(ContractRecord contract, Instant now) {
        if (!contract.live()) {
            return contract;
        }
        long seconds = Math.max(0, Duration.between(contract.billedUntil(), now).toSeconds());
        if (seconds > 0 && contract.state() == ContractState.CREATED) {
            long cost = hourly(contract).timesCeil(seconds, BILLING_PERIOD.toSeconds()).units();
            TwinRecord twin = world.twin(contract.twin()).orElseThrow();
            world.put(twin.withBalance(twin.balance() - Math.min(cost, twin.balance())));
        }
        ContractRecord gone = contract.billed(now).deleted(now, ContractRecord.CANCELED_BY_USER);
        world.put(gone);
        nodes.delete(gone);
        return gone;
    }

    /** The twin's total debt: what its contracts in grace owe. */
    Tft debt(long twinId) {
        long total = 0;
        for (ContractRecord c : world.contracts()) {
            if (c.twin() == twinId && c.state() == ContractState.GRACE) {
                total += c.debt();
            }
        }
        return new Tft(total);
    }
}
