package io.qsctl.zstor.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which kernel {@code auto} takes, and what asking for the vector one says, in real JVMs started
 * with the options a user can give through {@code QSCTL_JAVA_OPTS}. Without C2 the Vector API runs
 * as objects on the heap (16+4 encode under -XX:TieredStopAtLevel=1 measured about 7 MB/s with the
 * vector kernel, 120 with the scalar one; docs/codec.md), so auto must not take it.
 */
class KernelChoiceIT {

    private static final String MODULE = "--add-modules=jdk.incubator.vector";

    private static String run(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KernelChoiceMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("QSCTL_RS_KERNEL");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void withC2AndTheModuleAutoTakesTheVectorKernel() throws Exception {
        String output = run(MODULE);
        assertThat(output).containsPattern("(?m)^best=vector-[0-9]+$").contains("support=available");
    }

    @Test
    void withOnlyTheClientCompilerAutoTakesTheScalarKernelAndAskingForTheVectorOneSaysWhy() throws Exception {
        String output = run(MODULE, "-XX:TieredStopAtLevel=1");
        assertThat(output).contains("best=scalar\n")
                .contains("vector refused: QsctlException: the vector Reed-Solomon kernel needs the C2 compiler, and "
                        + "this JVM runs only the client compiler (-XX:TieredStopAtLevel=1); without C2 it is many "
                        + "times slower than the scalar kernel");
    }

    @Test
    void anyTierBelowC2CountsAsNoC2() throws Exception {
        String output = run(MODULE, "-XX:TieredStopAtLevel=3");
        assertThat(output).contains("best=scalar\n").contains("(-XX:TieredStopAtLevel=3)");
        assertThat(run(MODULE, "-Xint")).contains("best=scalar\n").contains("without a JIT compiler (-Xint)");
    }

    @Test
    void withVectorsNarrowerThan128BitsTheReasonIsTheWidthNotTheModule() throws Exception {
        String output = run(MODULE, "-XX:MaxVectorSize=8");
        assertThat(output).contains("best=scalar\n")
                .contains("vector refused: QsctlException: the vector Reed-Solomon kernel cannot run here: it needs SIMD "
                        + "vectors of at least 128 bits, and this JVM's preferred vectors have 64 (is "
                        + "-XX:MaxVectorSize set low?)")
                .doesNotContain("add-modules");
    }

    @Test
    void withoutTheModuleTheReasonIsTheModule() throws Exception {
        String output = run();
        assertThat(output).contains("best=scalar\n").contains("vector refused: QsctlException: the vector "
                + "Reed-Solomon kernel needs the JVM option --add-modules=jdk.incubator.vector");
    }
}
