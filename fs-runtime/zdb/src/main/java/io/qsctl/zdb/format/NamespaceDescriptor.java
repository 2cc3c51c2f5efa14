package io.qsctl.zdb.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code zdb-namespace} file in a namespace's index directory: version 1, name and password
 * lengths, maximum size, flags, then the name and the password. The password is stored in plain
 * text, as 0-db does; qsctl derives namespace passwords per backend, so the file holds nothing
 * that opens anything else.
 */
public record NamespaceDescriptor(String name, Optional<String> password, long maxSize, boolean isPublic,
                                  boolean worm) {

    public static final String FILE_NAME = "zdb-namespace";
    public static final int HEADER_SIZE = 15;
    public static final int VERSION = 1;
    public static final int FLAG_PUBLIC = 1;
    public static final int FLAG_WORM = 2;
    public static final int FLAG_EXTENDED = 4;

    public static NamespaceDescriptor fresh(String name) {
        return new NamespaceDescriptor(name, Optional.empty(), 0, true, false);
    }

    public byte[] toBytes() {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] pass = password.map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + nameBytes.length + pass.length).order(ByteOrder.LITTLE_ENDIAN);
        int flags = FLAG_EXTENDED | (isPublic ? FLAG_PUBLIC : 0) | (worm ? FLAG_WORM : 0);
        out.putInt(VERSION).put((byte) nameBytes.length).put((byte) pass.length).putLong(maxSize).put((byte) flags)
                .put(nameBytes).put(pass);
        return out.array();
    }

    public static NamespaceDescriptor read(byte[] bytes) {
        if (bytes.length < HEADER_SIZE) {
            throw new FormatException("namespace descriptor is " + bytes.length + " bytes, expected at least " + HEADER_SIZE);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt();
        if (version != VERSION) {
            throw new FormatException("unsupported namespace descriptor version " + version);
        }
        int nameLength = in.get() & 0xFF;
        int passLength = in.get() & 0xFF;
        long maxSize = in.getLong();
        int flags = in.get() & 0xFF;
        if (bytes.length < HEADER_SIZE + nameLength + passLength) {
            throw new FormatException("namespace descriptor is truncated");
        }
        String name = new String(bytes, HEADER_SIZE, nameLength, StandardCharsets.UTF_8);
        Optional<String> password = passLength == 0 ? Optional.empty()
                : Optional.of(new String(bytes, HEADER_SIZE + nameLength, passLength, StandardCharsets.UTF_8));
        return new NamespaceDescriptor(name, password, maxSize, (flags & FLAG_PUBLIC) != 0, (flags & FLAG_WORM) != 0);
    }

    public NamespaceDescriptor withPassword(Optional<String> newPassword) {
        return new NamespaceDescriptor(name, newPassword, maxSize, isPublic, worm);
    }

    public NamespaceDescriptor withMaxSize(long newMaxSize) {
        return new NamespaceDescriptor(name, password, newMaxSize, isPublic, worm);
    }

    public NamespaceDescriptor withPublic(boolean newPublic) {
        return new NamespaceDescriptor(name, password, maxSize, newPublic, worm);
    }

    public NamespaceDescriptor withWorm(boolean newWorm) {
        return new NamespaceDescriptor(name, password, maxSize, isPublic, newWorm);
    }

    @Override
    public String toString() {
        return "NamespaceDescriptor[name=" + name + ", password=" + (password.isPresent() ? "(set)" : "(none)")
                + ", maxSize=" + maxSize + ", public=" + isPublic + ", worm=" + worm + "]";
    }
}
