package io.qsctl.zstor.codec;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the kernel: {@code -Dqsctl.rs.kernel} or {@code QSCTL_RS_KERNEL} = {@code auto} (default),
 * {@code vector} or {@code scalar}. {@code auto} takes the vector kernel when it runs well here
 * ({@link #vectorSupport()}: the {@code jdk.incubator.vector} module, preferred vectors at least 128
 * bits wide, and the C2 compiler), else the scalar one; {@code vector} where it does not is an
 * error that says why. Neither kernel indexes a table by data in SIMD registers; docs/codec.md says
 * why.
 */
public final class GfKernels {

    private static final String PROPERTY = "qsctl.rs.kernel";
    private static final String VARIABLE = "QSCTL_RS_KERNEL";

    private static volatile GfKernel best;
    private static volatile VectorSupport vectorSupport;

    private GfKernels() {
    }

    /** Whether the vector kernel runs well in this JVM: the kernel, or why not. */
    public sealed interface VectorSupport {

        /** The kernel, when this JVM runs it well. */
        record Available(GfKernel kernel) implements VectorSupport {
        }

        /**
         * Why this JVM does not run it well, as a sentence for people.
         *
         * @param moduleMissing whether the reason is the missing {@code jdk.incubator.vector} module
         */
        record Unavailable(String reason, boolean moduleMissing) implements VectorSupport {
        }
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

    /** The vector kernel, when this JVM runs it well (see {@link #vectorSupport()}). */
    public static Optional<GfKernel> vector() {
        return vectorSupport() instanceof VectorSupport.Available available ? Optional.of(available.kernel())
                : Optional.empty();
    }

    /**
     * Whether the vector kernel runs well here, and if not why: no vector module, vectors narrower
     * than 128 bits (a small {@code -XX:MaxVectorSize}, or the CPU), or no C2 compiler (then the
     * Vector API runs as ordinary objects, many times slower than the scalar kernel). Decided once
     * per JVM.
     */
    public static VectorSupport vectorSupport() {
        VectorSupport support = vectorSupport;
        if (support == null) {
            support = examineVectorSupport();
            vectorSupport = support;
        }
        return support;
    }

    private static VectorSupport examineVectorSupport() {
        if (!vectorModulePresent()) {
            return new VectorSupport.Unavailable(
                    "the vector Reed-Solomon kernel needs the JVM option --add-modules=jdk.incubator.vector", true);
        }
        GfKernel kernel;
        try {
            Class<?> type = Class.forName("io.qsctl.zstor.codec.VectorKernel");
            kernel = (GfKernel) type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            // the constructor's refusal says why (vectors too narrow)
            return new VectorSupport.Unavailable("the vector Reed-Solomon kernel cannot run here: "
                    + e.getCause().getMessage(), false);
        } catch (ReflectiveOperationException | LinkageError e) {
            return new VectorSupport.Unavailable("the vector Reed-Solomon kernel cannot be loaded: " + e, false);
        }
        Optional<String> noC2 = JitCompilers.whyNoC2();
        if (noC2.isPresent()) {
            return new VectorSupport.Unavailable("the vector Reed-Solomon kernel needs the C2 compiler, and "
                    + noC2.get() + "; without C2 it is many times slower than the scalar kernel", false);
        }
        return new VectorSupport.Available(kernel);
    }

    /**
     * The kernel for a setting as {@code -Dqsctl.rs.kernel} takes it.
     *
     * @throws IllegalArgumentException for a setting other than auto, vector or scalar
     * @throws QsctlException for vector when this JVM does not run it well, saying why
     */
    public static GfKernel choose(String setting) {
        return switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> vector().orElseGet(GfKernels::scalar);
            case "scalar" -> scalar();
            case "vector" -> {
                if (vectorSupport() instanceof VectorSupport.Unavailable unavailable) {
                    throw new QsctlException(ExitCode.ERROR, unavailable.reason());
                }
                yield vector().orElseThrow();
            }
            default -> throw new IllegalArgumentException(PROPERTY + "/" + VARIABLE + " must be auto, vector or scalar, not '"
                    + setting + "'");
        };
    }
}
