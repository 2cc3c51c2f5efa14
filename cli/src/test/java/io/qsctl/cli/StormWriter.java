package io.qsctl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.qsctl.cli.AcknowledgedWrites.Entry;
import io.qsctl.zdb.client.Pending;
import io.qsctl.zdb.client.Pipeline;
import io.qsctl.zdb.client.SeqKeys;
import io.qsctl.zdb.client.ZdbClientConfig;
import io.qsctl.zdb.client.ZdbConnection;
import io.qsctl.zdb.client.ZdbException;
import io.qsctl.zdb.client.ZdbServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * One writer of the crash test's storm. It owns its keys (user mode, in {@code default}) and its
 * ids (in the seq-mode namespace), writes them until the server dies under it, and tells the model
 * about every write before sending it and again when its reply arrives: SETs of 0 to 64 KiB,
 * overwrites, DELs, pipelined batches of SETs, and seq inserts, updates and DELs.
 */
final class StormWriter implements Callable<Integer> {

    static final int MAX_VALUE = 64 * 1024;
    static final String SEQ = "seq";
    private static final int KEYS = 40;
    private static final int SEQ_IDS = 24;

    private final int id;
    private final AcknowledgedWrites model;
    private final ZdbClientConfig config;
    private final SplittableRandom random;
    private final List<String> failures;
    private final int trial;
    private final BooleanSupplier killSent;

    /** {@code killSent}: true from just before the server is killed; an error before that is a failure. */
    StormWriter(int id, AcknowledgedWrites model, ZdbClientConfig config, long seed, int trial, List<String> failures,
                BooleanSupplier killSent) {
        this.id = id;
        this.model = model;
        this.config = config;
        this.random = new SplittableRandom(seed);
        this.trial = trial;
        this.failures = failures;
        this.killSent = killSent;
    }

    /** Writes until the connection breaks; returns how many writes were acknowledged. */
    @Override
    public Integer call() {
        int acknowledged = 0;
        try (ZdbConnection user = ZdbConnection.open(config);
             ZdbConnection seq = ZdbConnection.open(config.withNamespace(SEQ))) {
            List<Entry> liveIds = new ArrayList<>(model.live(SEQ, id));
            while (!Thread.currentThread().isInterrupted()) {
                int dice = random.nextInt(100);
                if (dice < 45) {
                    acknowledged += userSet(user);
                } else if (dice < 55) {
                    acknowledged += userDel(user);
                } else if (dice < 65) {
                    acknowledged += userBatch(user);
                } else if (dice < 80 && liveIds.size() < SEQ_IDS) {
                    acknowledged += seqInsert(seq, liveIds);
                } else if (dice < 95 && !liveIds.isEmpty()) {
                    acknowledged += seqUpdate(seq, liveIds);
                } else if (!liveIds.isEmpty()) {
                    acknowledged += seqDel(seq, liveIds);
                }
            }
        } catch (ZdbServerException e) {
            failures.add("trial " + trial + ": writer " + id + ": unexpected error reply: " + e.getMessage());
        } catch (ZdbException serverGone) {
            // the kill: the write in flight, if any, stays unsettled in the model. Before the kill,
            // a broken connection, a timeout or a reply that does not parse is a failure.
            if (!killSent.getAsBoolean()) {
                failures.add("trial " + trial + ": writer " + id + ": failed before the kill: " + serverGone);
            }
        }
        return acknowledged;
    }

    private int userSet(ZdbConnection user) {
        Entry entry = userKey();
        byte[] value = value();
        model.sending(entry, Optional.of(value));
        user.set(entry.key, value);
        model.acknowledged(entry, Optional.of(value));
        return 1;
    }

    private int userDel(ZdbConnection user) {
        Entry entry = userKey();
        model.sending(entry, Optional.empty());
        user.del(entry.key);
        model.acknowledged(entry, Optional.empty());
        return 1;
    }

    /** Several SETs in one pipeline: the server runs and flushes them as one batch. */
    private int userBatch(ZdbConnection user) {
        Pipeline pipeline = user.pipeline();
        List<Entry> batch = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<Pending<Optional<byte[]>>> replies = new ArrayList<>();
        int size = 2 + random.nextInt(7);
        for (int i = 0; i < size; i++) {
            Entry entry = userKey();
            if (batch.contains(entry)) {
                continue; // one write per key in flight, so "old or new" stays well defined
            }
            byte[] value = value();
            model.sending(entry, Optional.of(value));
            batch.add(entry);
            values.add(value);
            replies.add(pipeline.set(entry.key, value));
        }
        pipeline.sync();
        for (int i = 0; i < batch.size(); i++) {
            replies.get(i).get();
            model.acknowledged(batch.get(i), Optional.of(values.get(i)));
        }
        return batch.size();
    }

    private int seqInsert(ZdbConnection seq, List<Entry> liveIds) {
        byte[] value = value();
        // the id is only known from the reply, so an insert in flight cannot be checked: it is not recorded
        byte[] key = seq.insert(value);
        Entry entry = model.entry(SEQ, key, "id " + SeqKeys.id(key), id);
        model.acknowledged(entry, Optional.of(value));
        liveIds.add(entry);
        return 1;
    }

    private int seqUpdate(ZdbConnection seq, List<Entry> liveIds) {
        Entry entry = liveIds.get(random.nextInt(liveIds.size()));
        byte[] value = value();
        model.sending(entry, Optional.of(value));
        seq.set(entry.key, value);
        model.acknowledged(entry, Optional.of(value));
        return 1;
    }

    private int seqDel(ZdbConnection seq, List<Entry> liveIds) {
        Entry entry = liveIds.get(random.nextInt(liveIds.size()));
        model.sending(entry, Optional.empty());
        seq.del(entry.key);
        model.acknowledged(entry, Optional.empty());
        liveIds.remove(entry);
        return 1;
    }

    private Entry userKey() {
        String label = "w" + id + "-k" + random.nextInt(KEYS);
        return model.entry("default", label.getBytes(UTF_8), label, id);
    }

    /** 0 to 64 KiB of random bytes; one in eight is empty or tiny, where edge cases live. */
    private byte[] value() {
        int length = random.nextInt(8) == 0 ? random.nextInt(16) : random.nextInt(MAX_VALUE + 1);
        byte[] value = new byte[length];
        random.nextBytes(value);
        return value;
    }
}
