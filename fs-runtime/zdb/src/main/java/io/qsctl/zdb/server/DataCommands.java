package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.Namespace;
import io.qsctl.zdb.engine.ZdbError;
import io.qsctl.zdb.resp.ByteSink;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** SET, GET, MGET, DEL, EXISTS, CHECK, LENGTH, KEYTIME. */
final class DataCommands {

    private DataCommands() {
    }

    static void set(Call call) {
        OptionalInt timestamp = OptionalInt.empty();
        if (call.argc() == 4) {
            call.admin();
            timestamp = OptionalInt.of((int) call.atoll(3));
        } else {
            call.exactAllowingEmpty(3);
        }
        if (call.length(1) > Namespace.MAX_KEY) {
            throw new ZdbError("Key too large");
        }
        call.writable();
        byte[] key = call.namespace().set(call.array(), call.offset(1), call.length(1), call.array(), call.offset(2),
                call.length(2), timestamp);
        if (key == null) {
            call.out.nilBulk();
        } else {
            call.out.bulk(key);
        }
    }

    static void get(Call call) {
        call.exact(2);
        writeValue(call, 1);
    }

    private static void writeValue(Call call, int arg) {
        if (call.length(arg) > Namespace.MAX_KEY) {
            throw new ZdbError("Invalid key");
        }
        ByteSink sink = call.out.sink();
        int mark = sink.size();
        try {
            boolean found = call.namespace().get(call.array(), call.offset(arg), call.length(arg), call.replySink);
            if (found) {
                call.out.crlf();
            } else {
                call.out.nilBulk();
            }
        } catch (ZdbError e) {
            sink.truncate(mark);
            throw e;
        }
    }

    static void mget(Call call) {
        if (call.argc() < 2) {
            throw new ZdbError("Invalid arguments");
        }
        for (int i = 1; i < call.argc(); i++) {
            if (call.length(i) > Namespace.MAX_KEY) {
                throw new ZdbError("Invalid key");
            }
        }
        if (call.namespace().frozen()) {
            throw new ZdbError("Namespace is temporarily frozen (read-write disabled)");
        }
        call.out.arrayHeader(call.argc() - 1);
        for (int i = 1; i < call.argc(); i++) {
            try {
                writeValue(call, i);
            } catch (ZdbError e) {
                call.out.error(e.getMessage());
            }
        }
    }

    static void del(Call call) {
        OptionalInt timestamp = OptionalInt.empty();
        if (call.argc() == 3) {
            call.admin();
            timestamp = OptionalInt.of((int) call.atoll(2));
        } else {
            call.exact(2);
        }
        if (call.length(1) > Namespace.MAX_KEY) {
            throw new ZdbError("Invalid key");
        }
        call.writable();
        call.namespace().delete(call.array(), call.offset(1), call.length(1), timestamp);
        call.out.ok();
    }

    static void exists(Call call) {
        call.exact(2);
        call.out.integer(call.namespace().exists(call.array(), call.offset(1), call.length(1)) ? 1 : 0);
    }

    static void check(Call call) {
        call.exact(2);
        OptionalInt result = call.namespace().check(call.array(), call.offset(1), call.length(1));
        if (result.isEmpty()) {
            call.out.nilBulk();
        } else {
            call.out.integer(result.getAsInt());
        }
    }

    static void length(Call call) {
        call.exact(2);
        OptionalLong length = call.namespace().length(call.array(), call.offset(1), call.length(1));
        if (length.isEmpty()) {
            call.out.nilBulk();
        } else {
            call.out.integer(length.getAsLong());
        }
    }

    static void keytime(Call call) {
        call.exact(2);
        OptionalLong time = call.namespace().keyTime(call.array(), call.offset(1), call.length(1));
        if (time.isEmpty()) {
            call.out.nilBulk();
        } else {
            call.out.integer(time.getAsLong());
        }
    }
}
