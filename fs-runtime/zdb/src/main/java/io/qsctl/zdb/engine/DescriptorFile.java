package io.qsctl.zdb.engine;

import io.qsctl.common.DurableFiles;
import io.qsctl.zdb.format.NamespaceDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A namespace's descriptor file in its index directory: read when the namespace is opened (and
 * written fresh when it has none), replaced whole when a setting changes, by write, force and
 * rename ({@link DurableFiles}), so a crash leaves the old descriptor or the new one and never
 * half of each.
 */
final class DescriptorFile {

    private DescriptorFile() {
    }

    /** The descriptor in {@code indexDir}, or a fresh one for {@code name}, written there, when there is none yet. */
    static NamespaceDescriptor readOrCreate(Path indexDir, String name) {
        Path file = indexDir.resolve(NamespaceDescriptor.FILE_NAME);
        try {
            // one engine at a time opens a directory (qsctl zdb and the grid lock it): what a killed one left is nobody's
            DurableFiles.removeLeftovers(indexDir, NamespaceDescriptor.FILE_NAME);
            Files.deleteIfExists(indexDir.resolve(NamespaceDescriptor.FILE_NAME + ".tmp")); // as versions before named it
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
        try {
            DurableFiles.replace(file, d.toBytes(), DurableFiles.Access.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
