package io.qsctl.zdb.client;

import io.qsctl.zdb.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The 0-db commands the client knows, each with how its reply reads. Reply shapes and the error
 * texts that mean "nothing there" follow threefoldtech/0-db zdbd/commands_*.c.
 */
final class Calls {

    /** 0-db's way of saying a key is absent for commands that do not answer nil. */
    static final String KEY_NOT_FOUND = "Key not found";
    /** End of a SCAN/RSCAN walk. */
    static final String NO_MORE_DATA = "No more data";
    /** End of a HISTORY walk. */
    static final String NO_MORE_HISTORY = "No more history";

    /** Commands that change nothing on the server, so a retry after a reconnect is harmless. */
    private static final Set<String> READ_ONLY = Set.of("PING", "GET", "MGET", "EXISTS", "CHECK", "LENGTH", "KEYTIME",
            "KEYCUR", "SCAN", "SCANX", "RSCAN", "HISTORY", "DBSIZE", "INFO", "NSINFO", "NSLIST", "TIME");

    private Calls() {}

    static Call<Optional<byte[]>> set(byte[] key, byte[] value) {
        return new Call<>("SET", args("SET", key, value), false, Replies::bulkOrNil);
    }

    static Call<Optional<byte[]>> get(byte[] key) {
        return new Call<>("GET", args("GET", key), true, Replies::bulkOrNil);
    }

    static Call<List<Optional<byte[]>>> mget(byte[]... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("MGET needs at least one key");
        }
        return new Call<>("MGET", args("MGET", keys), true, (reply, where) -> {
            List<Reply> elements = Replies.array(reply, where).elements();
            List<Optional<byte[]>> values = new ArrayList<>(elements.size());
            for (Reply element : elements) {
                values.add(Replies.bulkOrNil(element, where));
            }
            return values;
        });
    }

    /** True if the key was deleted, false if there was no such key. */
    static Call<Boolean> del(byte[] key) {
        return new Call<>("DEL", args("DEL", key), false, (reply, where) -> {
            if (Replies.isError(reply, KEY_NOT_FOUND)) {
                return false;
            }
            Replies.ok(reply, where);
            return true;
        });
    }

    static Call<Boolean> exists(byte[] key) {
        return new Call<>("EXISTS", args("EXISTS", key), true, (reply, where) -> Replies.integer(reply, where) != 0);
    }

    static Call<CheckResult> check(byte[] key) {
        return new Call<>("CHECK", args("CHECK", key), true, (reply, where) -> {
            if (Replies.checked(reply, where) instanceof Reply.Nil) {
                return CheckResult.MISSING;
            }
            long status = Replies.integer(reply, where);
            if (status == 1) {
                return CheckResult.VALID;
            }
            return status == 0 ? CheckResult.CORRUPTED : CheckResult.UNREADABLE;
        });
    }

    static Call<OptionalLong> length(byte[] key) {
        return new Call<>("LENGTH", args("LENGTH", key), true, Calls::integerOrAbsent);
    }

    static Call<OptionalLong> keytime(byte[] key) {
        return new Call<>("KEYTIME", args("KEYTIME", key), true, Calls::integerOrAbsent);
    }

    static Call<Optional<byte[]>> keycur(byte[] key) {
        return new Call<>("KEYCUR", args("KEYCUR", key), true, (reply, where) -> {
            if (Replies.isError(reply, KEY_NOT_FOUND)) {
                return Optional.empty();
            }
            return Optional.of(Replies.bulk(reply, where));
        });
    }

    static Call<Optional<ScanPage>> scan(byte[] cursor) {
        return scanLike("SCAN", cursor);
    }

    static Call<Optional<ScanPage>> rscan(byte[] cursor) {
        return scanLike("RSCAN", cursor);
    }

    private static Call<Optional<ScanPage>> scanLike(String name, byte[] cursor) {
        byte[][] args = cursor == null ? args(name) : args(name, cursor);
        return new Call<>(name, args, true, (reply, where) -> {
            if (Replies.isError(reply, NO_MORE_DATA)) {
                return Optional.empty();
            }
            List<Reply> parts = Replies.array(reply, where).elements();
            if (parts.size() != 2) {
                throw Replies.unexpected(where, reply, "[cursor, entries]");
            }
            byte[] next = Replies.bulk(parts.get(0), where);
            List<Reply> rows = Replies.array(parts.get(1), where).elements();
            List<ScanEntry> entries = new ArrayList<>(rows.size());
            for (Reply row : rows) {
                List<Reply> fields = Replies.array(row, where).elements();
                if (fields.size() != 3) {
                    throw Replies.unexpected(where, row, "[key, size, timestamp]");
                }
                entries.add(new ScanEntry(Replies.bulk(fields.get(0), where), Replies.integer(fields.get(1), where),
                        Replies.integer(fields.get(2), where)));
            }
            return Optional.of(new ScanPage(next, entries));
        });
    }

    static Call<Optional<HistoryEntry>> history(byte[] key, byte[] cursor) {
        byte[][] args = cursor == null ? args("HISTORY", key) : args("HISTORY", key, cursor);
        return new Call<>("HISTORY", args, true, (reply, where) -> {
            if (Replies.isError(reply, NO_MORE_HISTORY) || Replies.isError(reply, KEY_NOT_FOUND)) {
                return Optional.empty();
            }
            List<Reply> parts = Replies.array(reply, where).elements();
            if (parts.size() != 3) {
                throw Replies.unexpected(where, reply, "[cursor, timestamp, payload]");
            }
            Optional<byte[]> older = Replies.bulkOrNil(parts.get(0), where);
            return Optional.of(new HistoryEntry(Replies.integer(parts.get(1), where), Replies.bulk(parts.get(2), where), older));
        });
    }

    static Call<NamespaceInfo> nsinfo(String namespace) {
        return new Call<>("NSINFO", args("NSINFO", utf8(namespace)), true,
                (reply, where) -> NamespaceInfo.parse(Replies.text(reply, where)));
    }

    static Call<List<String>> nslist() {
        return new Call<>("NSLIST", args("NSLIST"), true, (reply, where) -> {
            List<String> names = new ArrayList<>();
            for (Reply element : Replies.array(reply, where).elements()) {
                names.add(Replies.text(element, where));
            }
            return names;
        });
    }

    static Call<Void> nsnew(String namespace) {
        return okCall("NSNEW", utf8(namespace));
    }

    static Call<Void> nsdel(String namespace) {
        return okCall("NSDEL", utf8(namespace));
    }

    static Call<Void> nsset(String namespace, String property, String value) {
        return okCall("NSSET", utf8(namespace), utf8(property), utf8(value));
    }

    static Call<Void> flush() {
        return okCall("FLUSH");
    }

    static Call<String> ping() {
        return new Call<>("PING", args("PING"), true, Replies::status);
    }

    static Call<Long> dbsize() {
        return new Call<>("DBSIZE", args("DBSIZE"), true, Replies::integer);
    }

    static Call<String> info() {
        return new Call<>("INFO", args("INFO"), true, Replies::text);
    }

    /** Any command; the reply comes back as it is, error replies become {@link ZdbServerException}. */
    static Call<Reply> raw(byte[][] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command needs at least its name");
        }
        String name = commandName(args[0]);
        if (name.equals("SELECT") || name.equals("AUTH")) {
            // the connection replays its session after a reconnect; it can only do that for
            // a namespace and passwords it knows, so these go through select() and auth()
            throw new IllegalArgumentException(name + " changes the session; use ZdbConnection." + name.toLowerCase() + "()");
        }
        return new Call<>(name, args.clone(), READ_ONLY.contains(name), Replies::checked);
    }

    private static Call<Void> okCall(String name, byte[]... rest) {
        return new Call<>(name, args(name, rest), false, (reply, where) -> {
            Replies.ok(reply, where);
            return null;
        });
    }

    private static OptionalLong integerOrAbsent(Reply reply, Call.Where where) {
        if (Replies.isError(reply, KEY_NOT_FOUND)) {
            return OptionalLong.empty();
        }
        return Replies.integerOrNil(reply, where);
    }

    static byte[][] args(String name, byte[]... rest) {
        byte[][] args = new byte[rest.length + 1][];
        args[0] = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < rest.length; i++) {
            if (rest[i] == null) {
                throw new NullPointerException(name + " argument " + (i + 1) + " is null");
            }
            args[i + 1] = rest[i];
        }
        return args;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The command name in upper case, for messages and the read-only check. */
    static String commandName(byte[] arg) {
        int length = Math.min(arg.length, 32);
        char[] name = new char[length];
        for (int i = 0; i < length; i++) {
            int b = arg[i] & 0xFF;
            name[i] = (char) (b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b);
        }
        return new String(name);
    }
}
