package io.qsctl.zdb.engine;

import java.util.List;

/** One answer of SCAN/RSCAN: the keys found and the cursor of the last one. */
public record ScanPage(byte[] cursor, List<Item> items) {
    public ScanPage {
        items = List.copyOf(items);
    }

    public record Item(byte[] key, int length, int timestamp) {
    }
}
