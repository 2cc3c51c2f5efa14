package io.qsctl.zstor.codec;

/** Run by {@link KernelChoiceIT} in a JVM with the options under test: prints what it chose and why. */
public final class KernelChoiceMain {

    private KernelChoiceMain() {
    }

    public static void main(String[] args) {
        System.out.println("best=" + GfKernels.best().name());
        System.out.println("support=" + (GfKernels.vectorSupport() instanceof GfKernels.VectorSupport.Unavailable why
                ? why.reason() : "available"));
        try {
            System.out.println("vector=" + GfKernels.choose("vector").name());
        } catch (RuntimeException e) {
            System.out.println("vector refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
