package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.zstor.codec.GfKernels;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code qsctl bench codec} in-process, on tiny codes so each run stays near its two seconds of
 * warm-up. The speeds themselves are not asserted (timing belongs in benchmarks), only that they
 * are measured and reported.
 */
class BenchCodecCommandTest {

    private static final String NOTE = "note: measuring the scalar kernel; for the vector kernel run Java with "
            + "--add-modules=jdk.incubator.vector (./qsctl does)";

    private static QsctlRun bench(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "bench";
        args[1] = "codec";
        System.arraycopy(options, 0, args, 2, options.length);
        return QsctlRun.inProcess(args);
    }

    @Test
    void jsonOutputHasTheCodeTheKernelTheCoresAndPositiveSpeeds() {
        QsctlRun run = bench("--data", "4", "--parity", "2", "--shard-size", "4KiB", "--seconds", "0.1", "-o", "json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode doc = JsonMapper.shared().readTree(run.stdout());
        assertThat(doc.get("dataShards").asInt()).isEqualTo(4);
        assertThat(doc.get("parityShards").asInt()).isEqualTo(2);
        assertThat(doc.get("shardSize").asInt()).isEqualTo(4096);
        assertThat(doc.get("kernel").asString()).isEqualTo(GfKernels.best().name());
        assertThat(doc.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(doc.get("lostShards").asInt()).isEqualTo(2);
        assertThat(doc.get("encodeMBps").isNumber()).isTrue();
        assertThat(doc.get("encodeMBps").asDouble()).isPositive();
        assertThat(doc.get("decodeMBps").asDouble()).isPositive();
    }

    @Test
    void withoutTheVectorModuleANoteSaysHowToGetTheVectorKernelAndWithItNothingIsSaid() {
        QsctlRun run = bench("--data", "3", "--parity", "1", "--shard-size", "1000", "--seconds", "0.1");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        if (GfKernels.vectorModulePresent()) {
            assertThat(run.stderr()).isEmpty();
        } else {
            assertThat(run.stderr().lines()).containsExactly(NOTE);
            assertThat(run.stdout()).contains("kernel scalar");
        }
    }

    @Test
    void theTextReportIsATableOfEncodeAndDecodeInDataMegabytesPerSecond() {
        QsctlRun run = bench("--data", "5", "--parity", "3", "--shard-size", "333", "--seconds", "0.1",
                "--rs-kernel", "scalar");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).startsWith("Reed-Solomon 5+3, 333B shards, kernel scalar\n")
                .contains("this machine has " + Runtime.getRuntime().availableProcessors() + " core")
                .containsPattern("OPERATION +DATA MB/S +WHAT")
                .containsPattern("encode +[0-9]+\\.[0-9]  3 parity shards from 5 data shards")
                .containsPattern("decode +[0-9]+\\.[0-9]  3 lost data shards rebuilt from 5 others")
                .contains("parity bytes are not counted");
    }

    @Test
    void withoutParityThereIsNothingToDecodeAndJsonSaysNull() {
        QsctlRun run = bench("--data", "2", "--parity", "0", "--shard-size", "64", "--seconds", "0.1", "-o", "json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode doc = JsonMapper.shared().readTree(run.stdout());
        assertThat(doc.get("decodeMBps").isNull()).isTrue();
        assertThat(doc.get("lostShards").asInt()).isZero();
        assertThat(doc.get("encodeMBps").asDouble()).isPositive();
    }

    @Test
    void yamlOutputCarriesTheSameFields() {
        QsctlRun run = bench("--data", "2", "--parity", "1", "--shard-size", "128", "--seconds", "0.1", "-o", "yaml");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("dataShards: 2\n", "parityShards: 1\n", "shardSize: 128\n", "lostShards: 1\n")
                .containsPattern("(?m)^encodeMBps: [0-9]+\\.[0-9]+$")
                .containsPattern("(?m)^decodeMBps: [0-9]+\\.[0-9]+$")
                .containsPattern("(?m)^cores: [1-9][0-9]*$");
    }

    @Test
    void badNumbersAreUsageErrorsThatNameTheOption() {
        assertUsage(bench("--data", "0", "--parity", "1"), "--data must be 1 or more, not 0");
        assertUsage(bench("--data", "4", "--parity", "-1"), "--parity must be 0 or more, not -1");
        assertUsage(bench("--data", "200", "--parity", "57"),
                "--data plus --parity must be at most 256 (a code over GF(2^8) has at most that many shards), not 257");
        assertUsage(bench("--data", "4", "--parity", "2", "--shard-size", "0"),
                "--shard-size must be from 1 byte to 1GiB, not 0");
        assertUsage(bench("--data", "4", "--parity", "2", "--shard-size", "2GiB"),
                "--shard-size must be from 1 byte to 1GiB, not 2GiB");
        assertUsage(bench("--data", "4", "--parity", "2", "--shard-size", "12XB"), "--shard-size: '12XB' is not a size");
        assertUsage(bench("--data", "4", "--parity", "2", "--seconds", "0"),
                "--seconds must be more than 0 and at most 3600, not 0.0");
        assertUsage(bench("--data", "4", "--parity", "2", "--rs-kernel", "fast"),
                "--rs-kernel must be auto, vector or scalar, not 'fast'");
        assertUsage(bench("--parity", "2"), "Missing required option: '--data=M'");
    }

    @Test
    void aCodeLargerThanTheHeapIsRefusedBeforeAllocating() {
        QsctlRun run = bench("--data", "200", "--parity", "50", "--shard-size", "1GiB");
        assertUsage(run, "--data 200 --parity 50 with --shard-size 1GiB needs ");
        assertThat(run.stderr()).contains("QSCTL_JAVA_OPTS=-Xmx");
    }

    @Test
    void benchWithoutWhatToMeasureIsAUsageError() {
        QsctlRun run = QsctlRun.inProcess("bench");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.stderr()).contains("Usage: qsctl bench").contains("codec");
    }

    @Test
    void askingForTheVectorKernelWhereItCannotRunIsAnErrorThatSaysWhy() {
        QsctlRun run = bench("--data", "2", "--parity", "1", "--shard-size", "64", "--seconds", "0.1",
                "--rs-kernel", "vector", "-o", "json");
        if (GfKernels.vectorModulePresent()) {
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("\"kernel\": \"vector-");
        } else {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("error: the vector Reed-Solomon kernel needs the JVM option "
                    + "--add-modules=jdk.incubator.vector");
        }
    }

    private static void assertUsage(QsctlRun run, String message) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(64);
        assertThat(run.stderr()).contains("qsctl: " + message);
        assertThat(run.stdout()).isEmpty();
    }
}
