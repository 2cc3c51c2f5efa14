package io.qsctl.zstor.segment;

/**
 * One encrypted chunk inside a stripe's ciphertext.
 *
 * @param storedLength its length in the stripe (compressed or not, plus the 16-byte tag)
 * @param compressed   whether its plaintext was zstd-compressed before encryption
 */
public record ChunkEntry(int storedLength, boolean compressed) {

    public ChunkEntry {
        if (storedLength < 16) {
            throw new IllegalArgumentException("a chunk holds at least its 16-byte tag, not " + storedLength + " bytes");
        }
    }
}
