package io.qsctl.zdb.server;

import io.qsctl.zdb.resp.RespRequest;
import java.util.List;

/**
 * 0-db's dispatch table, in its order, with its matching rule: the first entry that the command
 * name is a case-insensitive prefix of wins ({@code S} is SET, {@code G} is GET). The entries
 * 0-db added after the stored table (DATA, NSJUMP, LENGTH, KEYTIME) come last.
 */
final class CommandTable {

    interface Handler {
        void handle(Call call);
    }

    record Entry(String name, byte[] upper, Handler handler) {
    }

    private final List<Entry> entries;

    CommandTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static Entry entry(String name, Handler handler) {
        return new Entry(name, name.getBytes(java.nio.charset.StandardCharsets.US_ASCII), handler);
    }

    /** The index of the entry argument {@code arg} selects, or -1. */
    int find(RespRequest request, int arg) {
        byte[] array = request.array();
        int from = request.arrayOffset(arg);
        int length = request.length(arg);
        for (int i = 0; i < entries.size(); i++) {
            byte[] name = entries.get(i).upper();
            if (length > name.length) {
                continue;
            }
            boolean match = true;
            for (int j = 0; j < length; j++) {
                int c = array[from + j];
                if (c >= 'a' && c <= 'z') {
                    c -= 32;
                }
                if (c != name[j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    int size() {
        return entries.size();
    }

    Entry get(int index) {
        return entries.get(index);
    }

    int indexOf(String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
