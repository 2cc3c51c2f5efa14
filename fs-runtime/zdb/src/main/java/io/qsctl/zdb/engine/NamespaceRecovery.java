package io.qsctl.zdb.engine;

import io.qsctl.zdb.format.DataEntryHeader;
import io.qsctl.zdb.format.DataHeader;
import io.qsctl.zdb.format.IndexEntry;
import io.qsctl.zdb.format.IndexHeader;
import io.qsctl.zdb.format.Mode;
import io.qsctl.zdb.format.NamespaceDescriptor;
import io.qsctl.zdb.format.ZdbCrc32c;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a namespace's files and rebuilds its memory from them, at start-up, when a namespace is
 * created over an existing directory, and at RELOAD: the descriptor, the mode, every index file
 * replayed into the key index (user mode) or the id map (sequential mode), and the counters. In
 * the active files, entries at the end whose data did not fully reach the disk (a crash between
 * the data and the index append, or a torn write) are cut off first, so what memory holds is
 * exactly what was acknowledged.
 */
final class NamespaceRecovery {

    /** What was found on disk: the open files and what memory must hold besides the key index and id map. */
    record Recovered(NamespaceDescriptor descriptor, Mode mode, IndexStore index, DataStore data, long nextId,
                     long liveEntries, long dataSize, long openedAt) {
    }

    private final ZdbEngine engine;
    private final String name;
    private final Path indexDir;
    private final Path dataDir;
    private final KeyIndex keys;
    private final SeqMap seqmap;
    private Mode mode;
    private IndexStore index;
    private DataStore data;
    private long nextId;
    private long liveEntries;
    private long dataSize;

    private NamespaceRecovery(ZdbEngine engine, String name, Path indexDir, Path dataDir, KeyIndex keys, SeqMap seqmap) {
        this.engine = engine;
        this.name = name;
        this.indexDir = indexDir;
        this.dataDir = dataDir;
        this.keys = keys;
        this.seqmap = seqmap;
    }

    /**
     * Opens the namespace in {@code indexDir} and {@code dataDir}, creating its directories and
     * files when new, and fills the empty {@code keys} and {@code seqmap}. When that fails, the
     * files it had opened are closed again.
     */
    static Recovered recover(ZdbEngine engine, String name, Path indexDir, Path dataDir, KeyIndex keys, SeqMap seqmap) {
        NamespaceRecovery recovery = new NamespaceRecovery(engine, name, indexDir, dataDir, keys, seqmap);
        try {
            return recovery.openFiles();
        } catch (RuntimeException e) {
            recovery.closeFilesAfter(e);
            throw e;
        }
    }

    /** Closes what a failed {@link #openFiles} had opened; what goes wrong meanwhile is added to {@code failure}. */
    private void closeFilesAfter(RuntimeException failure) {
        for (AutoCloseable files : new AutoCloseable[] {index, data}) {
            if (files == null) {
                continue;
            }
            try {
                files.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    private Recovered openFiles() {
        try {
            Files.createDirectories(indexDir);
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directories of namespace " + name, e);
        }
        NamespaceDescriptor descriptor = DescriptorFile.readOrCreate(indexDir, name);
        long now = engine.now();
        index = IndexStore.create(indexDir);
        int last = 0;
        while (Files.exists(index.pathOf(last + 1))) {
            last++;
        }
        if (!Files.exists(index.pathOf(0))) {
            mode = engine.settings().mode().orElse(Mode.USER);
            index.createActive(0, mode, now);
            data = DataStore.open(name, dataDir, 0, engine.events());
            seqmap.push(0, 0);
            return new Recovered(descriptor, mode, index, data, nextId, liveEntries, dataSize, now);
        }
        mode = readMode();
        data = DataStore.open(name, dataDir, last, engine.events());
        for (int id = 0; id <= last; id++) {
            boolean active = id == last;
            long size = fileSize(index.pathOf(id));
            if (size < IndexHeader.SIZE) {
                if (!active && size == 0 && id > 0) {
                    throw new UncheckedIOException(new IOException("index file " + index.pathOf(id)
                            + " is empty but newer files exist"));
                }
                // a rotation the process did not finish: start the file over
                index.createActive(id, mode, now);
                if (mode == Mode.SEQ) {
                    seqmap.push(nextId, id);
                }
                continue;
            }
            replayFile(id, size, active);
        }
        if (mode == Mode.USER) {
            keys.forEachLive((e, length) -> dataSize += length);
            liveEntries = keys.live();
        }
        return new Recovered(descriptor, mode, index, data, nextId, liveEntries, dataSize, now);
    }

    private Mode readMode() {
        try (var channel = FileChannel.open(index.pathOf(0))) {
            ByteBuffer header = ByteBuffer.allocate(IndexHeader.SIZE);
            while (header.hasRemaining() && channel.read(header) > 0) {
                // fill
            }
            if (header.position() < IndexHeader.SIZE) {
                return engine.settings().mode().orElse(Mode.USER);
            }
            header.flip();
            return Mode.fromCode(IndexHeader.read(header).mode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + index.pathOf(0), e);
        }
    }

    private static long fileSize(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Replays one index file into memory. For the active file, entries at the end whose data did
     * not fully reach the data file (a crash between the two writes, or a torn write) are cut off
     * first, with the index file, so what is replayed is exactly what was acknowledged.
     */
    private void replayFile(int id, long size, boolean active) {
        try (var channel = FileChannel.open(index.pathOf(id))) {
            ByteBuffer header = ByteBuffer.allocate(IndexHeader.SIZE);
            while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
                // fill
            }
            header.flip();
            IndexHeader.read(header);
            IndexWalker.Source source = (offset, into) -> {
                long at = offset;
                while (into.hasRemaining()) {
                    int n = channel.read(into, at);
                    if (n < 0) {
                        throw new IOException("end of file");
                    }
                    at += n;
                }
            };
            long validEnd = active ? validEndOfActive(source, size) : size;
            if (mode == Mode.SEQ) {
                seqmap.push(nextId, id);
            }
            IndexWalker walker = new IndexWalker(source, validEnd, IndexHeader.SIZE);
            int lastEntry = 0;
            while (walker.next()) {
                replay(id, walker);
                lastEntry = (int) walker.entryOffset;
            }
            long end = walker.position();
            if (active) {
                index.openActive(id, end, lastEntry);
            } else if (end < size) {
                engine.log().warn("{}: index file {} ends with {} unreadable bytes", name, index.pathOf(id), size - end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay " + index.pathOf(id), e);
        }
    }

    /** Where the valid entries of the active index file end. */
    private long validEndOfActive(IndexWalker.Source source, long size) throws IOException {
        List<long[]> tail = new ArrayList<>(); // offset, dataOffset, length, keyLength, crc, flags, dataId
        IndexWalker walker = new IndexWalker(source, size, IndexHeader.SIZE);
        while (walker.next()) {
            tail.add(new long[] {walker.entryOffset, walker.dataOffset & 0xFFFF_FFFFL, walker.length & 0xFFFF_FFFFL,
                walker.keyLength, walker.crc, walker.flags, walker.dataId});
        }
        long end = walker.position();
        // check from the end back to the first entry whose data is complete and intact
        for (int i = tail.size() - 1; i >= 0; i--) {
            long[] e = tail.get(i);
            if ((e[5] & IndexEntry.FLAG_DELETED) != 0 || (int) e[6] != data.activeId()) {
                break; // older data, written and synced before this file's newer entries
            }
            if (dataIntact(e[1], e[2], (int) e[3], (int) e[4])) {
                break;
            }
            end = e[0];
            engine.log().warn("{}: dropping index entry at {} whose data was not completely written", name, e[0]);
        }
        if (end < size) {
            engine.log().warn("{}: cutting {} bytes of an unfinished write from {}", name, size - end,
                    index.pathOf(data.activeId()));
        }
        return end;
    }

    private boolean dataIntact(long dataOffset, long length, int keyLength, int crc) {
        long entryEnd = dataOffset + DataEntryHeader.SIZE + keyLength + length;
        if (dataOffset < DataHeader.SIZE || entryEnd > data.activeSize()) {
            return false;
        }
        DataEntryHeader header = data.readHeader(data.activeId(), dataOffset);
        if (header.keyLength() != keyLength || (header.length() & 0xFFFF_FFFFL) != length) {
            return false;
        }
        ByteBuffer payload = ByteBuffer.allocate((int) length);
        data.readPayload(data.activeId(), (int) dataOffset, keyLength, (int) length, payload);
        payload.flip();
        return ZdbCrc32c.of(payload) == crc;
    }

    private void replay(int fileId, IndexWalker w) {
        boolean deleted = w.deleted();
        if (mode == Mode.SEQ) {
            nextId++;
            if (!deleted) {
                liveEntries++;
                dataSize += w.length & 0xFFFF_FFFFL;
            }
            return;
        }
        nextId++;
        int e = keys.find(w.key, 0, w.keyLength);
        if (e < 0) {
            e = keys.insert(w.key, 0, w.keyLength);
        }
        keys.update(e, Location.of(w.dataId, w.dataOffset), Location.of(fileId, (int) w.entryOffset), w.length, w.crc,
                w.timestamp, deleted);
    }
}
