package io.qsctl.cli;

import io.qsctl.cli.bench.CodecMeasurement;
import io.qsctl.cli.bench.CodecSpeed;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.cli.output.Style;
import io.qsctl.common.ExitCode;
import io.qsctl.spec.ByteSize;
import io.qsctl.zstor.codec.GfKernel;
import io.qsctl.zstor.codec.GfKernels;
import io.qsctl.zstor.codec.ReedSolomon;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Encode and decode speed of one Reed-Solomon code on one core of this machine. */
@Command(name = "codec",
        sortOptions = false,
        header = "Measure how fast one core of this machine encodes and decodes a Reed-Solomon code.",
        description = {
            "The code has M data shards and K parity shards of the given size; decode rebuilds K lost data "
                    + "shards (or M, if fewer) from the rest. Speeds are MB/s (10^6 bytes per second) of data, parity "
                    + "not counted, so that 'segment bytes per second' is what you read. Use it to size a setup: a "
                    + "store needs about (write rate / encodeMBps) cores for coding.",
            "",
            "The fast kernel needs the JVM option --add-modules=jdk.incubator.vector, which ./qsctl adds, and the "
                    + "C2 compiler (not -XX:TieredStopAtLevel=1 in QSCTL_JAVA_OPTS); auto takes the scalar kernel "
                    + "where it cannot run well, and says why."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "1:the requested kernel cannot run here", "64:usage error"})
final class BenchCodecCommand extends QsctlSubcommand {

    /** Arrays are indexed by int; a gibibyte per shard is far beyond any real segment. */
    private static final long MAX_SHARD_SIZE = ByteSize.GIB;

    @Option(names = "--data", required = true, paramLabel = "M", description = "Data shards (1 or more).")
    int data;

    @Option(names = "--parity", required = true, paramLabel = "K",
            description = "Parity shards (0 or more; data + parity at most " + ReedSolomon.MAX_TOTAL_SHARDS + ").")
    int parity;

    @Option(names = "--shard-size", paramLabel = "SIZE", defaultValue = "1MiB",
            description = "Bytes per shard: a number of bytes or a size such as 64KiB or 1MiB (default: ${DEFAULT-VALUE}).")
    String shardSize;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "2",
            description = "Seconds to measure each of encode and decode, after a warm-up of half as long "
                    + "and at least 1 second (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--rs-kernel", paramLabel = "KERNEL",
            description = "auto, vector or scalar (default: auto, the fastest this JVM runs; env QSCTL_RS_KERNEL).")
    String kernel;

    @Override
    public Integer call() {
        int size = validatedShardSize();
        validate(size);
        GfKernel chosen = chosenKernel();
        PrintWriter out = out();
        PrintWriter err = err();
        if ((kernel == null || kernel.equalsIgnoreCase("auto"))
                && GfKernels.vectorSupport() instanceof GfKernels.VectorSupport.Unavailable unavailable) {
            err.println(unavailable.moduleMissing()
                    ? "note: measuring the scalar kernel; for the vector kernel run Java with "
                            + "--add-modules=jdk.incubator.vector (./qsctl does)"
                    : "note: measuring the scalar kernel; " + unavailable.reason());
            err.flush();
        }
        ReedSolomon codec = ReedSolomon.create(data, parity, chosen);
        long millis = Math.max(1, Math.round(seconds * 1000));
        CodecSpeed speed = new CodecMeasurement(codec, size, Duration.ofMillis(millis)).run();
        int cores = Runtime.getRuntime().availableProcessors();
        OutputFormat format = global().output();
        if (format == OutputFormat.TEXT) {
            printText(out, style(), speed, cores);
        } else {
            Documents.print(out, format, document(speed, cores));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private int validatedShardSize() {
        String text = shardSize.trim();
        long bytes;
        if (text.matches("[0-9]{1,19}")) {
            bytes = Long.parseLong(text);
        } else {
            ByteSize.Parsed parsed = ByteSize.parse(text);
            bytes = parsed.size().orElseThrow(() -> usage("--shard-size: " + parsed.problem())).bytes();
        }
        if (bytes < 1 || bytes > MAX_SHARD_SIZE) {
            throw usage("--shard-size must be from 1 byte to 1GiB, not " + text);
        }
        return (int) bytes;
    }

    private void validate(int size) {
        if (data < 1) {
            throw usage("--data must be 1 or more, not " + data);
        }
        if (parity < 0) {
            throw usage("--parity must be 0 or more, not " + parity);
        }
        if (data + parity > ReedSolomon.MAX_TOTAL_SHARDS) {
            throw usage("--data plus --parity must be at most " + ReedSolomon.MAX_TOTAL_SHARDS
                    + " (a code over GF(2^8) has at most that many shards), not " + (data + parity));
        }
        if (!(seconds > 0 && seconds <= 3600)) {
            throw usage("--seconds must be more than 0 and at most 3600, not " + seconds);
        }
        // The shards, plus a copy of the lost ones to check the rebuild, must fit the heap with room to spare.
        long needed = (long) size * (data + parity + Math.min(data, parity));
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap / 4 * 3) {
            throw usage("--data " + data + " --parity " + parity + " with --shard-size " + shardSize + " needs "
                    + ByteSize.ofBytes(needed) + " of memory but this JVM may use " + ByteSize.ofBytes(heap)
                    + "; use a smaller --shard-size, or more heap (QSCTL_JAVA_OPTS=-Xmx...)");
        }
    }

    private GfKernel chosenKernel() {
        if (kernel == null) {
            return GfKernels.best();
        }
        try {
            // a vector kernel this JVM does not run well is refused with the reason (exit 1)
            return GfKernels.choose(kernel);
        } catch (IllegalArgumentException e) {
            throw usage("--rs-kernel must be auto, vector or scalar, not '" + kernel + "'");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static ObjectNode document(CodecSpeed speed, int cores) {
        ObjectNode doc = JsonMapper.shared().createObjectNode();
        doc.put("dataShards", speed.dataShards());
        doc.put("parityShards", speed.parityShards());
        doc.put("shardSize", speed.shardSize());
        doc.put("kernel", speed.kernel());
        doc.put("cores", cores);
        doc.put("threads", 1);
        doc.put("encodeMBps", oneDecimal(speed.encodeMBps()));
        if (speed.decodeMBps().isPresent()) {
            doc.put("decodeMBps", oneDecimal(speed.decodeMBps().getAsDouble()));
        } else {
            doc.putNull("decodeMBps");
        }
        doc.put("lostShards", speed.lostShards());
        doc.put("java", Runtime.version().toString());
        return doc;
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void printText(PrintWriter out, Style style, CodecSpeed speed, int cores) {
        out.println(style.bold("Reed-Solomon " + speed.dataShards() + "+" + speed.parityShards() + ", "
                + ByteSize.ofBytes(speed.shardSize()) + " shards, kernel " + speed.kernel()));
        out.println("one thread; this machine has " + cores + (cores == 1 ? " core" : " cores") + "; Java "
                + Runtime.version());
        out.println();
        out.println(String.format(Locale.ROOT, "  %-10s %12s  %s", "OPERATION", "DATA MB/S", "WHAT"));
        out.println(String.format(Locale.ROOT, "  %-10s %12.1f  %s", "encode", speed.encodeMBps(),
                speed.parityShards() + " parity shards from " + speed.dataShards() + " data shards"));
        if (speed.decodeMBps().isPresent()) {
            out.println(String.format(Locale.ROOT, "  %-10s %12.1f  %s", "decode", speed.decodeMBps().getAsDouble(),
                    speed.lostShards() + " lost data shards rebuilt from " + speed.dataShards() + " others"));
        } else {
            out.println(String.format(Locale.ROOT, "  %-10s %12s  %s", "decode", "-",
                    "nothing to rebuild without parity shards"));
        }
        out.println();
        out.println(style.dim("MB/s = 10^6 bytes of data per second on one core; parity bytes are not counted."));
    }
}
