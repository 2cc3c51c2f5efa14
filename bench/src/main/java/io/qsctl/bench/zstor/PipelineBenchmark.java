package io.qsctl.bench.zstor;

import io.qsctl.zstor.codec.ReedSolomon;
import io.qsctl.zstor.compress.ChunkCompressor;
import io.qsctl.zstor.crypto.Checksums;
import io.qsctl.zstor.crypto.SegmentCipher;
import io.qsctl.zstor.segment.SegmentId;
import io.qsctl.zstor.segment.SegmentLayout;
import io.qsctl.zstor.store.EncodedStripe;
import io.qsctl.zstor.store.StripeEncoder;
import io.qsctl.zstor.store.ZStoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU side of storing, on one thread: one full 16+4 stripe (63 chunks of 256 KiB, about
 * 16.5 MB of plaintext) compressed where it pays, encrypted with AES-256-GCM, Reed-Solomon
 * coded into 20 shard chunks with their headers; {@code encryptEncodeAndChecksum} adds the 20
 * SHA-256 chunk checksums a store computes; {@code encryptOnly} and {@code encodeOnly} are its two
 * main parts alone. Plaintext MB/s = 16.5 MB / time per op (16.3 MiB of data shards for encodeOnly).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar PipelineBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class PipelineBenchmark {

    /** zstd level; random data makes 1 cost only the probe of each chunk. */
    @Param({"0", "1"})
    int compression;

    private SegmentLayout layout;
    private StripeEncoder encoder;
    private ChunkCompressor compressor;
    private List<byte[]> chunks;
    private SegmentId segment;
    private SegmentCipher cipher;
    private byte[] dataKey;
    private int stripe;
    private byte[] sealed;
    private ReedSolomon codec;
    private byte[][] shards;

    @Setup(Level.Trial)
    public void setUp() {
        layout = SegmentLayout.of(16, 4, ZStoreConfig.DEFAULT_SHARD_CHUNK);
        compressor = new ChunkCompressor(compression);
        codec = ReedSolomon.create(16, 4);
        encoder = new StripeEncoder(layout, compressor, codec);
        sealed = new byte[layout.cryptoChunkSize()];
        shards = new byte[20][24 + layout.shardChunkSize()];
        Random random = new Random(1);
        chunks = new ArrayList<>();
        for (byte[] shard : shards) {
            random.nextBytes(shard);
        }
        for (int i = 0; i < layout.chunksPerStripe(); i++) {
            byte[] chunk = new byte[layout.chunkPlainSize()];
            random.nextBytes(chunk);
            chunks.add(chunk);
        }
        dataKey = new byte[32];
        random.nextBytes(dataKey);
        System.out.println("\nkernel: " + ReedSolomon.create(16, 4).kernel().name() + ", stripe plaintext bytes: "
                + layout.stripePlainSize());
    }

    /** A new segment every iteration, so no chunk index is encrypted twice under one key. */
    @Setup(Level.Iteration)
    public void newSegment() {
        segment = SegmentId.random();
        cipher = SegmentCipher.forSegment(dataKey, segment.bytes());
        stripe = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        compressor.close();
    }

    /** The AES-GCM part alone: the stripe's 63 chunks sealed. */
    @Benchmark
    public byte[] encryptOnly() {
        byte[] out = sealed;
        long first = (long) stripe++ * layout.chunksPerStripe();
        for (int c = 0; c < chunks.size(); c++) {
            byte[] plain = chunks.get(c);
            cipher.encrypt(first + c, false, plain, 0, plain.length, out, 0);
        }
        return out;
    }

    /** The Reed-Solomon part alone: parity of 16 shard chunks. */
    @Benchmark
    public byte[][] encodeOnly() {
        codec.encode(shards, 24, shards[0].length - 24);
        return shards;
    }

    @Benchmark
    public EncodedStripe encryptAndEncode() {
        return encoder.encode(segment, cipher, stripe++, chunks, false);
    }

    @Benchmark
    public byte[][] encryptEncodeAndChecksum() {
        EncodedStripe encoded = encoder.encode(segment, cipher, stripe++, chunks, false);
        byte[][] sums = new byte[encoded.shards().length][];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = Checksums.chunk(encoded.shards()[i]);
        }
        return sums;
    }
}
