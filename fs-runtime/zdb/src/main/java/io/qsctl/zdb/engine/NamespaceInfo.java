package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.Mode;
import java.nio.file.Path;

/** What NSINFO reports about a namespace. */
public record NamespaceInfo(String name, long entries, boolean isPublic, boolean worm, boolean locked, boolean frozen,
                            boolean hasPassword, long dataSize, long maxSize, long indexMemory, long nextId, Mode mode,
                            int dataCurrentId, long dataCurrentOffset, Path indexPath, Path dataPath,
                            long indexDiskFree, long dataDiskFree) {
}
