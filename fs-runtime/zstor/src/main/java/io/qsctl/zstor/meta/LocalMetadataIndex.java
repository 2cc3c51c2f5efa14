package io.qsctl.zstor.meta;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.qsctl.common.DurableFiles;
import io.qsctl.common.DurableFiles.Access;
import io.qsctl.common.QsctlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;

/**
 * The local cache of metadata records: one file per record under {@code <dir>/records/}, holding
 * the record's <em>sealed</em> bytes (AES-256-GCM, exactly as the backends' shards carry them) and
 * its generation, or a tombstone. Nothing is decrypted on disk; every entry carries an HMAC tag
 * bound to its id, so a damaged or swapped file reads as damaged, never as another record.
 *
 * <p>Writes are crash-safe: a temporary file in the same directory is written and forced to disk,
 * renamed over the entry, and the directory is forced; a crash leaves the old entry or the new
 * one; a write that fails (a full disk) removes its temporary file, and those a crash left are
 * removed on open. Removing an entry frees space and forces the directory too,
 * because the store's consistency rule depends on a removal being durable before it writes to
 * the backends.
 *
 * <p>{@code <dir>/FORMAT} names the format and the key id of the metadata key; opening an index
 * written under another key fails. {@code <dir>/.lock} holds an exclusive lock while the index is
 * open, so two processes never share one.
 */
final class LocalMetadataIndex implements AutoCloseable {

    static final String FORMAT_FILE = "FORMAT";
    private static final String FORMAT_NAME = "qsctl-zstor-meta-index";
    private static final int FORMAT_VERSION = 1;
    private static final String LEGACY_TEMP_PREFIX = ".tmp-";
    private static final byte[] MAGIC = "QSMI".getBytes(US_ASCII);
    private static final byte[] TAG_DOMAIN = "qsctl-zstor-meta-index-v1".getBytes(US_ASCII);
    private static final int HEADER_BYTES = 18;
    private static final int TAG_BYTES = 16;
    private static final int FLAG_TOMBSTONE = 1;

    private final Path dir;
    private final Path records;
    private final MetaKeys keys;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private LocalMetadataIndex(Path dir, MetaKeys keys, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.records = dir.resolve("records");
        this.keys = keys;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating it if needed) the index in {@code dir}. */
    static LocalMetadataIndex open(Path dir, MetaKeys keys) {
        try {
            DurableFiles.ensurePrivateDirectory(dir);
            FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw QsctlException.conflict("the local metadata index " + dir + " is in use by another store");
            }
            LocalMetadataIndex index = new LocalMetadataIndex(dir, keys, channel, lock);
            try {
                index.checkFormat();
                DurableFiles.ensurePrivateDirectory(index.records);
                index.removeTemporaryFiles();
            } catch (RuntimeException | IOException e) {
                index.close();
                throw e;
            }
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local metadata index " + dir + ": " + e.getMessage(), e);
        }
    }

    Path directory() {
        return dir;
    }

    LocalRead read(String id) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entry(id));
        } catch (NoSuchFileException e) {
            return new LocalRead.Miss();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry(id) + ": " + e.getMessage(), e);
        }
        return decode(id, bytes);
    }

    void store(String id, long generation, byte[] sealed) {
        write(id, encode(id, generation, false, sealed));
    }

    void storeTombstone(String id, long generation) {
        write(id, encode(id, generation, true, new byte[0]));
    }

    /** Removes an entry, durably: once this returns, a crash cannot bring it back. */
    void remove(String id) {
        try {
            if (Files.deleteIfExists(entry(id))) {
                DurableFiles.fsyncDirectory(records);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + entry(id) + ": " + e.getMessage(), e);
        }
    }

    /** The ids with an entry (records and tombstones), sorted. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(records)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (MetaIds.isValid(name)) {
                    ids.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + records + ": " + e.getMessage(), e);
        }
        ids.sort(null);
        return ids;
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of " + dir + ": " + e.getMessage(), e);
        }
    }

    // --- format ---

    private byte[] encode(String id, long generation, boolean tombstone, byte[] sealed) {
        byte[] bytes = ByteBuffer.allocate(HEADER_BYTES + sealed.length + TAG_BYTES)
                .put(MAGIC).put((byte) FORMAT_VERSION).put((byte) (tombstone ? FLAG_TOMBSTONE : 0))
                .putLong(generation).putInt(sealed.length).put(sealed).array();
        System.arraycopy(tag(id, bytes, bytes.length - TAG_BYTES), 0, bytes, bytes.length - TAG_BYTES, TAG_BYTES);
        return bytes;
    }

    private LocalRead decode(String id, byte[] bytes) {
        if (bytes.length < HEADER_BYTES + TAG_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || bytes[4] != FORMAT_VERSION) {
            return new LocalRead.Damaged("not an index entry of this format");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int flags = in.get(5) & 0xff;
        long generation = in.getLong(6);
        int length = in.getInt(14);
        if (length < 0 || bytes.length != HEADER_BYTES + length + TAG_BYTES) {
            return new LocalRead.Damaged("truncated or overlong entry");
        }
        int tagAt = bytes.length - TAG_BYTES;
        if (!MessageDigest.isEqual(tag(id, bytes, tagAt), Arrays.copyOfRange(bytes, tagAt, bytes.length))) {
            return new LocalRead.Damaged("checksum mismatch");
        }
        boolean tombstone = (flags & FLAG_TOMBSTONE) != 0;
        return new LocalRead.Hit(new LocalEntry(generation, tombstone, Arrays.copyOfRange(bytes, HEADER_BYTES, tagAt)));
    }

    private byte[] tag(String id, byte[] bytes, int length) {
        Mac mac = keys.macFor(TAG_DOMAIN, id);
        mac.update(bytes, 0, length);
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }

    private void checkFormat() throws IOException {
        Path format = dir.resolve(FORMAT_FILE);
        String expected = FORMAT_NAME + " " + FORMAT_VERSION + "\nkey-id " + HexFormat.of().formatHex(keys.keyId()) + "\n";
        if (!Files.exists(format)) {
            DurableFiles.replace(format, expected.getBytes(US_ASCII), Access.DEFAULT);
            return;
        }
        List<String> lines = Files.readAllLines(format, US_ASCII);
        if (lines.isEmpty() || !lines.get(0).equals(FORMAT_NAME + " " + FORMAT_VERSION)) {
            throw QsctlException.invalidInput(format + " is not a version " + FORMAT_VERSION
                    + " local metadata index; move the directory away and rebuild the index from the backends");
        }
        if (!Files.readString(format, US_ASCII).equals(expected)) {
            throw new WrongMetadataKeyException("the local metadata index " + dir
                    + " was written under a different metadata key; check the mnemonic, or remove the directory"
                    + " and rebuild the index from the backends");
        }
    }

    /** Temporary files a crash left: beside the entries, and beside FORMAT (written on first open). */
    private void removeTemporaryFiles() throws IOException {
        for (Path directory : List.of(dir, records)) {
            DurableFiles.removeLeftovers(directory);
            // the names versions before DurableFiles gave them
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, LEGACY_TEMP_PREFIX + "*")) {
                for (Path entry : entries) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    // --- files ---

    private Path entry(String id) {
        return records.resolve(MetaIds.check(id));
    }

    private void write(String id, byte[] bytes) {
        try {
            // the directory is private (0700): the entries need no narrower permissions
            DurableFiles.replace(entry(id), bytes, Access.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + entry(id) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LocalMetadataIndex[" + dir + "]";
    }

    /** An entry: a sealed record version, or a tombstone (no bytes). */
    record LocalEntry(long generation, boolean tombstone, byte[] sealed) {
    }

    /** What reading an entry gave. A damaged entry is the cache's problem, not the record's: the backends have it. */
    sealed interface LocalRead {
        record Hit(LocalEntry entry) implements LocalRead {
        }

        record Miss() implements LocalRead {
        }

        record Damaged(String why) implements LocalRead {
        }
    }
}
