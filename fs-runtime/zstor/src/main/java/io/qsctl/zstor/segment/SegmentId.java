package io.qsctl.zstor.segment;

import io.qsctl.common.QsctlException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A segment's identity: 128 random bits, shown as 32 hex digits. It names the metadata record,
 * salts the segment key and is part of every chunk's AAD, so it is never reused.
 */
public final class SegmentId {

    public static final int LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private SegmentId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SegmentId random() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new SegmentId(bytes);
    }

    public static SegmentId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a segment id has 16 bytes, not " + bytes.length);
        }
        return new SegmentId(bytes.clone());
    }

    /** Reads the 32 hex digits an id is shown as. */
    public static SegmentId parse(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw QsctlException.invalidInput("an object id is 32 hex digits, not '" + hex + "'");
        }
        try {
            return new SegmentId(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw QsctlException.invalidInput("an object id is 32 hex digits, not '" + hex + "'");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SegmentId that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
