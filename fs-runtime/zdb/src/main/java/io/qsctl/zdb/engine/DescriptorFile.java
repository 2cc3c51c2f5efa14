package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.NamespaceDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A namespace's descriptor file in its index directory: read when the namespace is opened (and
 * written fresh when it has none), replaced whole when a setting changes, by write, force and
 * rename, so a crash leaves the old descriptor or the new one and never half of each.
 */
final class DescriptorFile {

    private DescriptorFile() {
    }

    /** The descriptor in {@code indexDir}, or a fresh one for {@code name}, written there, when there is none yet. */
    static NamespaceDescriptor readOrCreate(Path indexDir, String name) {
        Path file = indexDir.resolve(NamespaceDescriptor.FILE_NAME);
        try {
            if (Files.exists(file) && Files.size(file) >= NamespaceDescriptor.HEADER_SIZE) {
                return NamespaceDescriptor.read(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        NamespaceDescriptor fresh = NamespaceDescriptor.fresh(name);
        write(indexDir, fresh);
        return fresh;
    }

    static void write(Path indexDir, NamespaceDescriptor d) {
        Path file = indexDir.resolve(NamespaceDescriptor.FILE_NAME);
        Path temp = indexDir.resolve(NamespaceDescriptor.FILE_NAME + ".tmp");
        try (var channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(d.toBytes());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException("cannot write " + temp + ": " + e.getMessage(), e);
            try {
                Files.deleteIfExists(temp);
            } catch (IOException left) {
                failure.addSuppressed(left);
            }
            throw failure;
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + file, e);
        }
    }
}
