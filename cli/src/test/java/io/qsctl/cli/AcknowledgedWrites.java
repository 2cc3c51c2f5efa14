package io.qsctl.cli;

import io.qsctl.zdb.client.CheckResult;
import io.qsctl.zdb.client.Pending;
import io.qsctl.zdb.client.Pipeline;
import io.qsctl.zdb.client.ZdbConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a crashed server must still hold: for every key written, the last value whose reply
 * arrived (absent after an acknowledged DEL). A write that was in flight when the server died may
 * or may not have been applied, so such a key may hold either its old or its new value; reading
 * it back settles which. Each key has one writer, so its writes never race each other.
 */
final class AcknowledgedWrites {

    /** One key of one namespace, owned by one writer. */
    static final class Entry {
        final String namespace;
        final byte[] key;
        final String label;
        final int owner;
        /** The values the server may hold: one when settled, two while a write is in flight. */
        volatile List<Optional<byte[]>> acceptable = List.of(Optional.empty());

        Entry(String namespace, byte[] key, String label, int owner) {
            this.namespace = namespace;
            this.key = key;
            this.label = label;
            this.owner = owner;
        }

        Optional<byte[]> settled() {
            return acceptable.get(acceptable.size() - 1);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Entry entry(String namespace, byte[] key, String label, int owner) {
        return entries.computeIfAbsent(namespace + "/" + label, k -> new Entry(namespace, key, label, owner));
    }

    /** A write of {@code next} is about to be sent. */
    void sending(Entry entry, Optional<byte[]> next) {
        entry.acceptable = List.of(entry.settled(), next);
    }

    /** Its reply arrived: from now on the server must hold it. */
    void acknowledged(Entry entry, Optional<byte[]> value) {
        entry.acceptable = List.of(value);
    }

    /** Keys of a namespace owned by a writer, whose settled value is present. */
    List<Entry> live(String namespace, int owner) {
        return entries.values().stream()
                .filter(e -> e.namespace.equals(namespace) && e.owner == owner && e.settled().isPresent())
                .toList();
    }

    int size() {
        return entries.size();
    }

    /** Keys whose last write was in flight (the server died before its reply). */
    int unsettled() {
        return (int) entries.values().stream().filter(e -> e.acceptable.size() > 1).count();
    }

    /**
     * Reads every key of {@code namespace} back through {@code connection} (GET and CHECK,
     * pipelined), settles in-flight writes to what was found, and returns one line per key that
     * holds something it may not.
     */
    List<String> verify(String namespace, ZdbConnection connection, int trial) {
        List<Entry> keys = entries.values().stream().filter(e -> e.namespace.equals(namespace)).toList();
        List<String> problems = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += 32) {
            List<Entry> batch = keys.subList(from, Math.min(keys.size(), from + 32));
            Pipeline pipeline = connection.pipeline();
            List<Pending<Optional<byte[]>>> values = new ArrayList<>();
            List<Pending<CheckResult>> checks = new ArrayList<>();
            for (Entry entry : batch) {
                values.add(pipeline.get(entry.key));
                checks.add(pipeline.check(entry.key));
            }
            pipeline.sync();
            for (int i = 0; i < batch.size(); i++) {
                Entry entry = batch.get(i);
                Optional<byte[]> actual = values.get(i).get();
                CheckResult check = checks.get(i).get();
                if (entry.acceptable.stream().noneMatch(v -> sameValue(v, actual))) {
                    problems.add("trial " + trial + ": key " + namespace + "/" + entry.label + ": expected "
                            + describe(entry.acceptable) + ", got " + describe(actual));
                    continue;
                }
                if (actual.isPresent() && check != CheckResult.VALID) {
                    problems.add("trial " + trial + ": key " + namespace + "/" + entry.label + ": CHECK says " + check
                            + " for " + describe(actual));
                }
                entry.acceptable = List.of(actual);
            }
        }
        return problems;
    }

    private static boolean sameValue(Optional<byte[]> a, Optional<byte[]> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
    }

    private static String describe(List<Optional<byte[]>> acceptable) {
        return acceptable.size() == 1 ? describe(acceptable.get(0))
                : "either " + String.join(" or ", acceptable.stream().map(AcknowledgedWrites::describe).toList())
                        + " (the write was in flight)";
    }

    static String describe(Optional<byte[]> value) {
        return value.map(digest()).orElse("absent");
    }

    private static Function<byte[], String> digest() {
        return bytes -> {
            try {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
                return bytes.length + " bytes (sha-256 " + HexFormat.of().formatHex(sha, 0, 6) + "…)";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
