package io.qsctl.zdb.client;

/**
 * Keys of a namespace in seq mode: 0-db numbers entries from 0 and hands back each id as its key,
 * 8 bytes little-endian (INFO says {@code sequential_key_size: 8}).
 */
public final class SeqKeys {

    public static final int KEY_LENGTH = 8;

    private SeqKeys() {}

    /** The id a seq-mode key stands for. */
    public static long id(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("a seq-mode key has 8 bytes, not " + key.length);
        }
        long id = 0;
        for (int i = KEY_LENGTH - 1; i >= 0; i--) {
            id = (id << 8) | (key[i] & 0xFF);
        }
        return id;
    }

    /** The key of id {@code id}, to GET or update it. */
    public static byte[] key(long id) {
        byte[] key = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            key[i] = (byte) (id >>> (8 * i));
        }
        return key;
    }
}
