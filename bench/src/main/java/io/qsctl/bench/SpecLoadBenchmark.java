package io.qsctl.bench;

import io.qsctl.spec.SpecLoader;
import io.qsctl.spec.SpecSource;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Spec loading, in-process: the full pipeline (UTF-8, YAML with positions, JSON Schema, defaults,
 * cross-field rules, records). Targets from issue 2: a 1 MB spec under 200 ms; an alias bomb refused
 * under 1 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpecLoadBenchmark {

    private SpecSource oneMegabyte;
    private SpecSource aliasBomb;
    private SpecSource quickstart;

    @Setup
    public void setUp() {
        oneMegabyte = SpecSource.of("large.yaml", largeSpec(1_000_000));
        aliasBomb = SpecSource.of("bomb.yaml", aliasBombSpec());
        quickstart = SpecSource.of("quickstart.yaml", """
                apiVersion: qsctl.io/v1
                kind: StorageCluster
                metadata: {name: quickstart}
                spec:
                  network: local
                  capacity: 10GiB
                  redundancy: {dataShards: 4, parityShards: 2}
                  nodes: {count: 6}
                """.getBytes(StandardCharsets.UTF_8));
        for (SpecSource valid : new SpecSource[] {oneMegabyte, quickstart}) {
            SpecLoader.Result result = SpecLoader.check(valid);
            if (!result.valid()) {
                throw new IllegalStateException("benchmark spec is invalid: " + result.problems());
            }
        }
        if (SpecLoader.check(aliasBomb).valid()) {
            throw new IllegalStateException("the alias bomb was accepted");
        }
    }

    /**
     * A valid spec of at least {@code bytes} bytes: a realistic shape (pinned nodes, exclusions,
     * labels, webhooks) grown with long node lists, the only part of a real spec that grows.
     */
    static byte[] largeSpec(int bytes) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: qsctl.io/v1
                kind: StorageCluster
                metadata:
                  name: large
                  labels: {owner: bench, team: storage}
                spec:
                  network: main
                  capacity: 100TiB
                  redundancy: {dataShards: 16, parityShards: 4}
                  nodes:
                    count: 1000
                    placement:
                      countries: [BE, NL, DE, FR, CH, AT]
                      spread: farm
                      nodeIds:
                """);
        long id = 1;
        while (yaml.length() < bytes * 0.7) {
            yaml.append("        - ").append(id++).append('\n');
        }
        yaml.append("      exclude:\n");
        long excluded = 10_000_000;
        while (yaml.length() < bytes) {
            yaml.append("        - ").append(excluded++).append('\n');
        }
        yaml.append("""
                  notify:
                    - webhook: https://hooks.example.org/qsctl
                """);
        return yaml.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The "billion laughs": ten lines that would expand to a billion values. */
    static byte[] aliasBombSpec() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            bomb.append(level).append(": &").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(10, "*" + (char) (level - 1)))).append("]\n");
        }
        return bomb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public SpecLoader.Result validateOneMegabyteSpec() {
        return SpecLoader.check(oneMegabyte);
    }

    @Benchmark
    public SpecLoader.Result refuseAliasBomb() {
        return SpecLoader.check(aliasBomb);
    }

    @Benchmark
    public SpecLoader.Result validateQuickstart() {
        return SpecLoader.check(quickstart);
    }
}
