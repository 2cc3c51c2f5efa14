package io.qsctl.zstor.meta;

/** One change to one slot key on one backend. */
sealed interface SlotWrite {

    byte[] key();

    record Store(byte[] key, byte[] value) implements SlotWrite {
    }

    record Remove(byte[] key) implements SlotWrite {
    }
}
