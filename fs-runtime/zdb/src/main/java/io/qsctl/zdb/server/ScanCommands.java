package io.qsctl.zdb.server;

import io.qsctl.zdb.engine.HistoryStep;
import io.qsctl.zdb.engine.ScanPage;
import io.qsctl.zdb.engine.ZdbError;

/** SCAN, SCANX, RSCAN, KEYCUR, KSCAN, HISTORY. */
final class ScanCommands {

    private ScanCommands() {
    }

    static void scan(Call call) {
        page(call, call.namespace().scan(call.argc() > 1 ? call.arg(1) : null));
    }

    static void rscan(Call call) {
        page(call, call.namespace().reverseScan(call.argc() > 1 ? call.arg(1) : null));
    }

    private static void page(Call call, ScanPage page) {
        call.out.arrayHeader(2);
        call.out.bulk(page.cursor());
        call.out.arrayHeader(page.items().size());
        for (ScanPage.Item item : page.items()) {
            call.out.arrayHeader(3);
            call.out.bulk(item.key());
            // 0-db prints these with %d
            call.out.integer(item.length());
            call.out.integer(item.timestamp());
        }
    }

    static void keycur(Call call) {
        call.exact(2);
        call.out.bulk(call.namespace().keyCursor(call.array(), call.offset(1), call.length(1)));
    }

    /** KSCAN is compiled out of 0-db's release builds; so it is here. */
    static void kscan(Call call) {
        throw new ZdbError("Command disabled in release code, not yet available");
    }

    static void history(Call call) {
        if (call.argc() != 2 && call.argc() != 3) {
            throw new ZdbError("Invalid arguments");
        }
        HistoryStep step = call.namespace().history(call.array(), call.offset(1), call.length(1),
                call.argc() == 3 ? call.arg(2) : null);
        call.out.arrayHeader(3);
        if (step.parentCursor() == null) {
            call.out.nilBulk();
        } else {
            call.out.bulk(step.parentCursor());
        }
        call.out.bulk(Integer.toUnsignedString(step.timestamp()));
        call.out.bulk(step.payload());
    }
}
