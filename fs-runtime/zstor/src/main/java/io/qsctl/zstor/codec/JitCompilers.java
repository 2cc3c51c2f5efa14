package io.qsctl.zstor.codec;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether this JVM has HotSpot's optimising compiler (C2). The Vector API is fast only where C2
 * compiles it into SIMD instructions; under the client compiler alone ({@code
 * -XX:TieredStopAtLevel=1}, which {@code QSCTL_JAVA_OPTS} can set) or the interpreter, every
 * vector is an object on the heap and the vector kernel is many times slower than the scalar one.
 */
final class JitCompilers {

    private JitCompilers() {
    }

    /** Why this JVM runs without C2, or empty when it has it (or cannot tell: not HotSpot). */
    static Optional<String> whyNoC2() {
        // java.vm.info answers the two common cases (-Xint, level 1) without the management classes
        String info = System.getProperty("java.vm.info", "");
        Optional<String> fromInfo = whyNoC2(info, flag -> Optional.empty());
        return fromInfo.isPresent() ? fromInfo : whyNoC2(info, hotSpotFlags());
    }

    /**
     * The decision, from {@code java.vm.info} and the value of a HotSpot flag by name (empty where
     * the JVM does not have it).
     */
    static Optional<String> whyNoC2(String vmInfo, Function<String, Optional<String>> flag) {
        if (vmInfo.contains("interpreted mode") || flag.apply("UseCompiler").filter("false"::equals).isPresent()) {
            return Optional.of("this JVM runs without a JIT compiler (-Xint)");
        }
        if (vmInfo.contains("emulated-client")) {
            return Optional.of("this JVM runs only the client compiler (-XX:TieredStopAtLevel=1)");
        }
        boolean tiered = flag.apply("TieredCompilation").map(Boolean::parseBoolean).orElse(true);
        Optional<Integer> level = flag.apply("TieredStopAtLevel").flatMap(JitCompilers::number);
        if (tiered && level.isPresent() && level.get() < 4) {
            return Optional.of("this JVM stops below the C2 compiler (-XX:TieredStopAtLevel=" + level.get() + ")");
        }
        return Optional.empty();
    }

    /** HotSpot's flags by name; a JVM without them (or without jdk.management) has none, so nothing is refused. */
    private static Function<String, Optional<String>> hotSpotFlags() {
        HotSpotDiagnosticMXBean hotSpot;
        try {
            hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (IllegalArgumentException | LinkageError | SecurityException notHotSpot) {
            return name -> Optional.empty();
        }
        if (hotSpot == null) {
            return name -> Optional.empty();
        }
        return name -> {
            try {
                return Optional.of(hotSpot.getVMOption(name).getValue());
            } catch (IllegalArgumentException noSuchFlag) {
                return Optional.empty();
            }
        };
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
