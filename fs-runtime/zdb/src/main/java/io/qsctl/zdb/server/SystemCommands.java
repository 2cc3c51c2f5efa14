package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.HookRun;
import io.qsctl.zdb.engine.RawEntry;
import io.qsctl.zdb.engine.ZdbError;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** PING, TIME, INFO, AUTH, HOOKS, INDEX, DATA, STOP, WAIT, MIRROR, MASTER and the '*' entry. */
final class SystemCommands {

    private SystemCommands() {
    }

    /** Whether argument {@code i} is a case-insensitive prefix of {@code word} (0-db's strncasecmp rule). */
    static boolean isPrefixOf(Call call, int i, String word) {
        int length = call.length(i);
        if (length > word.length()) {
            return false;
        }
        for (int j = 0; j < length; j++) {
            int c = call.array()[call.offset(i) + j];
            if (c >= 'a' && c <= 'z') {
                c -= 32;
            }
            if (c != word.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    static void star(Call call) {
        throw new ZdbError("This is not a valid command");
    }

    static void ping(Call call) {
        call.out.simpleString("PONG");
    }

    static void time(Call call) {
        Instant now = call.server.clock().instant();
        call.out.arrayHeader(2);
        call.out.bulk(Long.toString(now.getEpochSecond()));
        call.out.bulk(Long.toString(now.getNano() / 1000));
    }

    static void info(Call call) {
        ServerStats s = call.server.stats();
        long now = call.server.clock().instant().getEpochSecond();
        StringBuilder text = new StringBuilder(1024);
        text.append("# server\n");
        text.append("server_name: 0-db (zdb)\n");
        text.append("server_revision: qsctl-zdb\n");
        text.append("engine_revision: qsctl-zdb\n");
        text.append("instance_id: ").append(s.instanceId).append('\n');
        text.append("boot_time: ").append(s.bootTime).append('\n');
        text.append("uptime: ").append(now - s.bootTime).append('\n');
        text.append('\n').append("# clients\n");
        text.append("clients_lifetime: ").append(s.clientsLifetime).append('\n');
        text.append('\n').append("# internals\n");
        text.append("sequential_key_size: 8\n");
        text.append("data_version: 3\n");
        text.append("index_version: 4\n");
        text.append('\n').append("# stats\n");
        text.append("commands_executed: ").append(s.commandsExecuted).append('\n');
        text.append("commands_failed: ").append(s.commandsFailed).append('\n');
        text.append("commands_unauthorized: ").append(s.commandsUnauthorized).append('\n');
        for (String counter : List.of("index_disk_read_failed", "index_disk_write_failed", "data_disk_read_failed",
                "data_disk_write_failed")) {
            text.append(counter).append(": 0\n");
        }
        bytes(text, "network_rx", s.networkRx);
        bytes(text, "network_tx", s.networkTx);
        call.out.bulk(text.toString());
    }

    private static void bytes(StringBuilder text, String name, long value) {
        text.append(name).append("_bytes: ").append(value).append('\n');
        text.append(name).append("_mb: ").append(String.format(Locale.ROOT, "%.2f", value / 1048576.0)).append('\n');
    }

    static void auth(Call call) {
        var admin = call.server.settings().adminPassword();
        // Unlike 0-db, a challenge is handed out even without --admin: it is what lets
        // SELECT ... SECURE keep namespace passwords off the wire on such servers too.
        if (call.argc() == 3 && isPrefixOf(call, 1, "SECURE") && isPrefixOf(call, 2, "CHALLENGE")
                && call.length(1) > 0 && call.length(2) > 0) {
            call.session.challenge = Secrets.challenge();
            call.out.simpleString(call.session.challenge);
            return;
        }
        if (admin.isEmpty()) {
            throw new ZdbError("Authentication disabled");
        }
        if (call.argc() == 2) {
            call.exact(2);
            if (call.length(1) > 128) {
                throw new ZdbError("Password too long");
            }
            if (!Secrets.equal(call.text(1), admin.get())) {
                throw new ZdbError("Access denied");
            }
            call.session.admin = true;
            call.out.ok();
            return;
        }
        if (call.argc() != 3) {
            throw new ZdbError("Unexpected arguments");
        }
        call.exact(3);
        if (!isPrefixOf(call, 1, "SECURE")) {
            throw new ZdbError("Only SECURE extra method supported");
        }
        if (isPrefixOf(call, 2, "CHALLENGE")) {
            call.session.challenge = Secrets.challenge();
            call.out.simpleString(call.session.challenge);
            return;
        }
        String challenge = call.session.challenge;
        call.session.challenge = null; // one attempt per challenge, successful or not
        if (challenge == null) {
            throw new ZdbError("No CHALLENGE requested, secure authentication not available");
        }
        if (call.length(2) != 40) {
            throw new ZdbError("Invalid hash length");
        }
        if (!Secrets.equal(call.text(2), Secrets.sha1Hex(challenge + ":" + admin.get()))) {
            throw new ZdbError("Access denied");
        }
        call.session.admin = true;
        call.out.ok();
    }

    static void hooks(Call call) {
        call.admin();
        List<HookRun> runs = call.engine.events().hook().map(h -> h.recent()).orElse(List.of());
        call.out.arrayHeader(runs.size());
        for (HookRun run : runs) {
            call.out.arrayHeader(6);
            call.out.bulk(run.type());
            call.out.arrayHeader(run.arguments().size());
            for (String argument : run.arguments()) {
                call.out.bulk(argument);
            }
            call.out.integer(run.pid());
            call.out.integer(run.started());
            call.out.integer(run.finished());
            call.out.integer(run.exitStatus());
        }
    }

    static void index(Call call) {
        call.admin();
        call.atLeast(2);
        call.notLonger(1, 256);
        if (!call.text(1).equalsIgnoreCase("DIRTY")) {
            throw new ZdbError("Unknown INDEX subcommand");
        }
        if (call.argc() == 3) {
            if (!call.text(2).equalsIgnoreCase("RESET")) {
                throw new ZdbError("Unknown INDEX DIRTY subcommand");
            }
            call.namespace().resetDirtyIndexes();
            call.out.ok();
            return;
        }
        List<Integer> dirty = call.namespace().dirtyIndexes();
        call.out.arrayHeader(dirty.size());
        for (int id : dirty) {
            call.out.integer(id);
        }
    }

    static void data(Call call) {
        call.admin();
        if (call.argc() != 4 || !call.text(1).equalsIgnoreCase("RAW")) {
            throw new ZdbError("Invalid arguments");
        }
        RawEntry raw = call.namespace().rawData((int) call.atoll(2), call.atoll(3));
        call.out.arrayHeader(6);
        call.out.bulk(raw.key());
        call.out.integer(Integer.toUnsignedLong(raw.previous()));
        call.out.integer(Integer.toUnsignedLong(raw.crc()));
        call.out.integer(raw.flags());
        call.out.integer(Integer.toUnsignedLong(raw.timestamp()));
        call.out.bulk(raw.payload());
    }

    /** STOP only works in 0-db's debug builds. */
    static void stop(Call call) {
        throw new ZdbError("Unauthorized");
    }

    static void waitFor(Call call) {
        if (call.argc() != 2 && call.argc() != 3) {
            throw new ZdbError("Invalid arguments");
        }
        int watched = call.server.table().find(call.request, 1);
        if (watched < 0) {
            throw new ZdbError("Unknown command to watch");
        }
        long timeout = 5000;
        if (call.argc() == 3) {
            if (call.length(2) > 16) {
                throw new ZdbError("Invalid timeout");
            }
            timeout = call.atoll(2);
            if (timeout < 100 || timeout > 1_800_000) {
                throw new ZdbError("Invalid timeout");
            }
        }
        call.server.waits().await(call.connection, watched, call.server.nowMillis() + timeout);
    }

    static void mirror(Call call) {
        call.admin();
        call.session.mirror = true;
        call.server.mirroring();
        call.out.simpleString("Starting mirroring");
    }

    static void master(Call call) {
        call.admin();
        call.session.master = true;
        call.out.simpleString("Hello, master");
    }
}
