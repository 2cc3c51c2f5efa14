package io.qsctl.zstor.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the kernel: {@code -Dqsctl.rs.kernel} or {@code QSCTL_RS_KERNEL} = {@code auto} (default),
 * {@code vector} or {@code scalar}. {@code auto} takes the vector kernel when the JVM has the
 * {@code jdk.incubator.vector} module and the CPU's preferred vectors are at least 128 bits wide
 * (the {@link VectorKernel} constructor refuses otherwise), else the scalar one. Neither kernel
 * indexes a table by data in SIMD registers; docs/codec.md says why.
 */
public final class GfKernels {

    private static final String PROPERTY = "qsctl.rs.kernel";
    private static final String VARIABLE = "QSCTL_RS_KERNEL";

    private static volatile GfKernel best;

    private GfKernels() {
    }

    public static GfKernel best() {
        GfKernel chosen = best;
        if (chosen == null) {
            chosen = choose(System.getProperty(PROPERTY, Optional.ofNullable(System.getenv(VARIABLE)).orElse("auto")));
            best = chosen;
        }
        return chosen;
    }

    public static GfKernel scalar() {
        return new ScalarKernel();
    }

    /** Whether this JVM was started with {@code --add-modules=jdk.incubator.vector}. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The vector kernel, when this JVM can run it. */
    public static Optional<GfKernel> vector() {
        if (!vectorModulePresent()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName("io.qsctl.zstor.codec.VectorKernel");
            return Optional.of((GfKernel) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * The kernel for a setting as {@code -Dqsctl.rs.kernel} takes it.
     *
     * @throws IllegalArgumentException for a setting other than auto, vector or scalar
     * @throws IllegalStateException for vector when this JVM cannot run it
     */
    public static GfKernel choose(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> vector().orElseGet(GfKernels::scalar);
            case "scalar" -> scalar();
            case "vector" -> vector().orElseThrow(() -> new IllegalStateException(
                    "the vector Reed-Solomon kernel needs the JVM option --add-modules=jdk.incubator.vector"));
            default -> throw new IllegalArgumentException(PROPERTY + "/" + VARIABLE + " must be auto, vector or scalar, not '"
                    + setting + "'");
        };
    }
}
