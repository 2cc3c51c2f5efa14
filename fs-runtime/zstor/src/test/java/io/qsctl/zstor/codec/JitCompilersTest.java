package io.qsctl.zstor.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decision from java.vm.info and HotSpot's flags; {@code KernelChoiceIT} starts the real JVMs. */
class JitCompilersTest {

    private static Optional<String> decide(String vmInfo, Map<String, String> flags) {
        return JitCompilers.whyNoC2(vmInfo, name -> Optional.ofNullable(flags.get(name)));
    }

    @Test
    void theDefaultTieredJvmHasC2() {
        assertThat(decide("mixed mode, sharing", Map.of("TieredCompilation", "true", "TieredStopAtLevel", "4",
                "UseCompiler", "true"))).isEmpty();
        assertThat(decide("compiled mode, sharing", Map.of())).isEmpty();
    }

    @Test
    void stoppingAtTheClientCompilerOrBelowHasNone() {
        assertThat(decide("mixed mode, emulated-client, sharing", Map.of()))
                .contains("this JVM runs only the client compiler (-XX:TieredStopAtLevel=1)");
        for (String level : new String[] {"0", "2", "3"}) {
            assertThat(decide("mixed mode, sharing", Map.of("TieredCompilation", "true", "TieredStopAtLevel", level)))
                    .contains("this JVM stops below the C2 compiler (-XX:TieredStopAtLevel=" + level + ")");
        }
    }

    @Test
    void withoutTieredCompilationTheStopLevelDoesNotApplyAndC2IsThere() {
        assertThat(decide("mixed mode, sharing", Map.of("TieredCompilation", "false", "TieredStopAtLevel", "1")))
                .isEmpty();
    }

    @Test
    void theInterpreterAloneHasNone() {
        assertThat(decide("interpreted mode, sharing", Map.of())).contains("this JVM runs without a JIT compiler (-Xint)");
        assertThat(decide("mixed mode", Map.of("UseCompiler", "false")))
                .contains("this JVM runs without a JIT compiler (-Xint)");
    }

    @Test
    void aJvmWithoutHotSpotsFlagsIsNotRefused() {
        assertThat(decide("", Map.of())).isEmpty();
    }
}
