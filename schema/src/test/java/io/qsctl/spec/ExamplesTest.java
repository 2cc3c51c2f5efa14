package io.qsctl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every file in the repository's examples/ folder is a valid spec: users copy them. */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("..", "examples");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
            return yaml.stream();
        }
    }

    @Test
    void theExamplesFolderHasTheQuickstartAndRealWorldSpecs() throws IOException {
        assertThat(examples().map(p -> p.getFileName().toString()))
                .contains("quickstart.yaml", "three-countries.yaml", "pinned-nodes.yaml", "testnet.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleIsAValidSpec(Path example) {
        SpecLoader.Result result = SpecLoader.check(SpecSource.read(example));
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void theQuickstartRunsOnTheEmbeddedGrid() {
        StorageCluster quickstart = SpecLoader.load(EXAMPLES.resolve("quickstart.yaml"));
        assertThat(quickstart.spec().network()).isEqualTo(Network.LOCAL);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theWrittenFormOfEveryExampleLoadsBackToTheSameCluster(Path example) {
        StorageCluster cluster = SpecLoader.load(example);
        String written = tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(SpecWriter.toTree(cluster));
        StorageCluster again = SpecLoader.load(SpecSource.of("written.json", written.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(again).isEqualTo(cluster);
    }
}
