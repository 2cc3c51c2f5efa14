package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.engine.NamespaceInfo;
import io.qsctl.zdb.engine.ZdbEngine;
import io.qsctl.zdb.engine.ZdbError;
import io.qsctl.zdb.format.Mode;
import java.util.Locale;
import java.util.Optional;

/** NSNEW, NSDEL, NSINFO, NSLIST, NSSET, NSJUMP, SELECT, DBSIZE, RELOAD, FLUSH. */
final class NamespaceCommands {

    private NamespaceCommands() {
    }

    private static String name(Call call, int arg) {
        if (call.length(arg) > Namespace.MAX_NAME) {
            throw new ZdbError("Namespace too long");
        }
        return call.text(arg);
    }

    static void nsnew(Call call) {
        call.admin();
        call.exact(2);
        call.engine.createNamespace(name(call, 1));
        call.out.ok();
    }

    static void nsdel(Call call) {
        call.admin();
        call.exact(2);
        String name = name(call, 1);
        if (name.equals(ZdbEngine.DEFAULT_NAMESPACE)) {
            throw new ZdbError("Cannot remove default namespace");
        }
        if (call.engine.namespace(name).isEmpty()) {
            throw new ZdbError("This namespace doesn't exists");
        }
        if (call.namespace().name().equals(name)) {
            throw new ZdbError("Cannot remove namespace you're currently using.");
        }
        call.engine.deleteNamespace(name);
        call.out.ok();
    }

    static void nslist(Call call) {
        var names = call.engine.namespaceNames();
        call.out.arrayHeader(names.size());
        for (String name : names) {
            call.out.bulk(name);
        }
    }

    static void nsinfo(Call call) {
        call.exact(2);
        Namespace ns = call.engine.namespace(name(call, 1)).orElseThrow(() -> new ZdbError("Namespace not found"));
        NamespaceInfo info = ns.info();
        StringBuilder text = new StringBuilder(1024);
        line(text, "# namespace", null);
        line(text, "name", info.name());
        line(text, "entries", info.entries());
        line(text, "public", yesNo(info.isPublic()));
        line(text, "worm", yesNo(info.worm()));
        line(text, "locked", yesNo(info.locked()));
        line(text, "password", yesNo(info.hasPassword()));
        line(text, "data_size_bytes", info.dataSize());
        line(text, "data_size_mb", String.format(Locale.ROOT, "%.2f", info.dataSize() / 1048576.0));
        line(text, "data_limits_bytes", info.maxSize());
        line(text, "index_size_bytes", info.indexMemory());
        line(text, "index_size_kb", String.format(Locale.ROOT, "%.2f", info.indexMemory() / 1024.0));
        line(text, "next_internal_id", String.format(Locale.ROOT, "0x%08x", Integer.reverseBytes((int) info.nextId())));
        line(text, "mode", info.mode().infoName());
        line(text, "stats_index_io_errors", 0);
        line(text, "stats_index_io_error_last", 0);
        line(text, "stats_index_faults", 0);
        line(text, "stats_data_io_errors", 0);
        line(text, "stats_data_io_error_last", 0);
        line(text, "stats_data_faults", 0);
        line(text, "data_current_id", info.dataCurrentId());
        line(text, "data_current_offset", info.dataCurrentOffset());
        if (info.maxSize() > 0) {
            line(text, "space_available", Math.max(0, info.maxSize() - info.dataSize()));
        }
        line(text, "index_disk_freespace_bytes", info.indexDiskFree());
        line(text, "index_disk_freespace_mb", String.format(Locale.ROOT, "%.2f", info.indexDiskFree() / 1048576.0));
        line(text, "data_disk_freespace_bytes", info.dataDiskFree());
        line(text, "data_disk_freespace_mb", String.format(Locale.ROOT, "%.2f", info.dataDiskFree() / 1048576.0));
        if (call.session.admin) {
            line(text, "data_path", info.dataPath().toString());
            line(text, "index_path", info.indexPath().toString());
        }
        if (call.session.master) {
            ns.password().ifPresent(p -> line(text, "password_raw", p));
        }
        call.out.bulk(text.toString());
    }

    private static void line(StringBuilder text, String key, Object value) {
        text.append(key);
        if (value != null) {
            text.append(": ").append(value);
        }
        text.append('\n');
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    static void nsset(Call call) {
        call.admin();
        call.exact(4);
        String name = name(call, 1);
        call.notLonger(2, 256);
        call.notLonger(3, 256);
        if (call.length(3) > 63) {
            throw new ZdbError("Invalid value");
        }
        Namespace ns = call.engine.namespace(name).orElseThrow(() -> new ZdbError("Namespace not found"));
        String property = call.text(2);
        String value = call.text(3);
        boolean first1 = value.charAt(0) == '1';
        boolean isDefault = name.equals(ZdbEngine.DEFAULT_NAMESPACE);
        if (isDefault && !(property.equals("mode") || property.equals("lock") || property.equals("freeze"))) {
            throw new ZdbError("Cannot update default namespace");
        }
        switch (property) {
            case "maxsize" -> ns.setMaxSize(Math.max(0, call.atoll(3)));
            case "password" -> ns.setPassword(value.equals("*") ? Optional.empty() : Optional.of(value));
            case "public" -> ns.setPublic(first1);
            case "worm" -> ns.setWorm(first1);
            case "mode" -> {
                Mode mode = switch (value) {
                    case "user" -> Mode.USER;
                    case "seq" -> Mode.SEQ;
                    default -> throw new ZdbError("Invalid property value (expected: user, seq)");
                };
                ns.changeMode(mode);
            }
            case "lock" -> ns.setLocked(first1);
            case "freeze" -> ns.setFrozen(first1);
            default -> throw new ZdbError("Invalid property");
        }
        call.out.ok();
    }

    static void nsjump(Call call) {
        call.admin();
        call.writable();
        call.namespace().jump();
        call.out.ok();
    }

    static void select(Call call) {
        if (call.argc() < 2) {
            throw new ZdbError("Invalid argument");
        }
        String name = name(call, 1);
        Namespace ns = call.engine.namespace(name).orElseThrow(() -> new ZdbError("Namespace not found"));
        Optional<String> password = ns.password();
        boolean writable;
        if (password.isEmpty()) {
            writable = true;
        } else if (call.argc() == 2) {
            if (!ns.isPublic()) {
                throw new ZdbError("Namespace protected and private");
            }
            writable = false;
        } else if (call.argc() > 4) {
            throw new ZdbError("Too many arguments");
        } else if (call.argc() == 3) {
            if (call.length(2) >= 256) {
                throw new ZdbError("Password too long");
            }
            if (!Secrets.equal(call.text(2), password.get())) {
                throw new ZdbError("Access denied");
            }
            writable = true;
        } else {
            if (!SystemCommands.isPrefixOf(call, 2, "SECURE")) {
                throw new ZdbError("Only SECURE extra method supported");
            }
            if (call.session.challenge == null) {
                throw new ZdbError("No CHALLENGE requested, secure authentication not available");
            }
            if (call.length(3) != 40) {
                throw new ZdbError("Invalid hash length");
            }
            String expected = Secrets.sha1Hex(call.session.challenge + ":" + password.get());
            if (!Secrets.equal(call.text(3), expected)) {
                throw new ZdbError("Access denied");
            }
            writable = true;
        }
        call.session.namespace = ns;
        call.session.writable = writable;
        call.out.ok();
    }

    static void dbsize(Call call) {
        call.out.integer(call.namespace().entries());
    }

    static void reload(Call call) {
        call.admin();
        call.exact(2);
        call.engine.reload(name(call, 1));
        call.out.ok();
    }

    static void flush(Call call) {
        try {
            call.namespace().wipe();
        } catch (ZdbError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ZdbError("Internal Server Error");
        }
        call.out.ok();
    }
}
