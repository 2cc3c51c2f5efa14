package io.qsctl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SpecLoaderTest {

    static final String VALID = """
            apiVersion: qsctl.io/v1
            kind: StorageCluster
            metadata:
              name: photos
            spec:
              capacity: 2TiB
              redundancy:
                dataShards: 16
                parityShards: 4
              nodes:
                count: 20
                placement:
                  countries: [BE, NL, DE]
            """;

    static SpecLoader.Result check(String yaml) {
        return SpecLoader.check(SpecSource.of("storage.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> problems(String yaml) {
        return check(yaml).problems().stream().map(SpecProblem::toString).toList();
    }

    @Test
    void aValidSpecLoadsIntoRecordsWithDefaultsApplied() {
        StorageCluster cluster = check(VALID).cluster().orElseThrow();
        assertThat(cluster.name()).isEqualTo("photos");
        ClusterSpec spec = cluster.spec();
        assertThat(spec.network()).isEqualTo(Network.LOCAL);
        assertThat(spec.capacity()).isEqualTo(ByteSize.ofBytes(2L * ByteSize.TIB));
        assertThat(spec.redundancy()).isEqualTo(new Redundancy(16, 4));
        assertThat(spec.nodes().count()).isEqualTo(20);
        assertThat(spec.nodes().placement().countries()).containsExactly("BE", "NL", "DE");
        assertThat(spec.nodes().placement().spread()).isEqualTo(Spread.FARM);
        assertThat(spec.metadata()).isEqualTo(new MetadataSpec(4, ByteSize.ofGibibytes(1)));
        assertThat(spec.mount().path()).isEmpty();
        assertThat(spec.mount().segmentSize()).isEqualTo(ByteSize.ofMebibytes(64));
        assertThat(spec.mount().maxUnprotected()).isEqualTo(ByteSize.ofMebibytes(256));
        assertThat(spec.mount().cache()).isEqualTo(ByteSize.ofGibibytes(1));
        assertThat(spec.signing()).isEqualTo(Signing.LOCAL);
        assertThat(spec.funding()).isEqualTo(new FundingSpec(30, 14));
        assertThat(spec.notifiers()).isEmpty();
    }

    @Test
    void nodeCountDefaultsToOneNodePerShard() {
        StorageCluster cluster = check("""
                apiVersion: qsctl.io/v1
                kind: StorageCluster
                metadata: {name: small}
                spec:
                  capacity: 1GiB
                  redundancy: {dataShards: 3, parityShards: 2}
                """).cluster().orElseThrow();
        assertThat(cluster.spec().nodes().count()).isEqualTo(5);
    }

    @Test
    void theResultNamesTheSpecFieldsTheFileWritesWithTheirKeysPositionsButNotTheDefaults() {
        SpecLoader.Result result = check(VALID + "  mount: {cache: 1GiB}\n  signing: local\n");
        assertThat(result.cluster().orElseThrow().spec().funding()).isEqualTo(new FundingSpec(30, 14));
        assertThat(result.written()).containsExactly(
                java.util.Map.entry("capacity", new Position(6, 3)),
                java.util.Map.entry("redundancy", new Position(7, 3)),
                java.util.Map.entry("nodes", new Position(10, 3)),
                java.util.Map.entry("mount", new Position(14, 3)),
                java.util.Map.entry("signing", new Position(15, 3)));
    }

    @Test
    void aFieldWrittenThroughAMergeKeyCountsAsWritten() {
        SpecLoader.Result result = check("""
                apiVersion: qsctl.io/v1
                kind: StorageCluster
                metadata: {name: merged}
                spec:
                  <<: {notify: [{webhook: "https://example.org/hook"}]}
                  capacity: 1GiB
                """);
        assertThat(result.written()).containsOnlyKeys("notify", "capacity");
    }

    @Test
    void anInvalidSpecNamesNoWrittenFields() {
        assertThat(check("kind: x\n").written()).isEmpty();
    }

    @Test
    void loadThrowsWithEveryProblemAndExitCodeOne() {
        assertThatThrownBy(() -> SpecLoader.load(SpecSource.of("s.yaml", "kind: x\n".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(SpecValidationException.class, e -> {
                    assertThat(e.exitCode().code()).isEqualTo(1);
                    assertThat(e.problems()).hasSizeGreaterThan(1);
                    assertThat(e.getMessage()).contains("s.yaml:1:1: apiVersion: missing required key 'apiVersion'");
                });
    }

    @Nested
    class UnknownKeys {
        @Test
        void aMisspeltKeyIsReportedAtTheKeyWithASuggestion() {
            assertThat(problems(VALID.replace("  capacity: 2TiB", "  capacity: 2TiB\n  netwrok: main")))
                    .containsExactly("storage.yaml:7:3: spec.netwrok: unknown key 'netwrok'; did you mean 'network'?");
        }

        @Test
        void aKeyFarFromAnyKnownOneListsTheAllowedKeys() {
            assertThat(problems(VALID + "colour: blue\n")).containsExactly(
                    "storage.yaml:14:1: colour: unknown key 'colour'; expected one of: apiVersion, kind, metadata, spec");
        }

        @Test
        void aMisspeltNestedKeyIsFoundDeepInTheTree() {
            assertThat(problems(VALID.replace("countries:", "contries:"))).containsExactly(
                    "storage.yaml:13:7: spec.nodes.placement.contries: unknown key 'contries'; did you mean 'countries'?");
        }
    }

    @Nested
    class WrongTypes {
        @Test
        void aQuotedNumberIsAStringAndIsReportedAtTheValue() {
            assertThat(problems(VALID.replace("count: 20", "count: \"20\""))).containsExactly(
                    "storage.yaml:11:12: spec.nodes.count: expected a whole number, found '20'");
        }

        @Test
        void aListWhereAMappingBelongsIsReported() {
            assertThat(problems(VALID.replace("  redundancy:\n    dataShards: 16\n    parityShards: 4\n",
                    "  redundancy: [16, 4]\n"))).containsExactly(
                    "storage.yaml:7:15: spec.redundancy: expected a mapping (key: value lines), found a list");
        }

        @Test
        void aSizeWithoutAUnitIsExplained() {
            assertThat(problems(VALID.replace("2TiB", "2 terabytes"))).containsExactly(
                    "storage.yaml:6:13: spec.capacity: '2 terabytes' is not a size; write a number and a unit, "
                            + "e.g. 500GB or 2TiB (units: B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)");
        }

        @Test
        void anEnumValueGetsASuggestion() {
            assertThat(problems(VALID.replace("  capacity: 2TiB", "  capacity: 2TiB\n  network: mian")))
                    .containsExactly("storage.yaml:7:12: spec.network: 'mian' is not one of: local, dev, qa, test, main; "
                            + "did you mean 'main'?");
        }

        @Test
        void aWrongApiVersionNamesTheSupportedOne() {
            assertThat(problems(VALID.replace("qsctl.io/v1", "qsctl.io/v2"))).containsExactly(
                    "storage.yaml:1:13: apiVersion: unsupported apiVersion 'qsctl.io/v2'; this qsctl reads 'qsctl.io/v1'");
        }

        @Test
        void aNameThatIsNotADnsLabelIsRefused() {
            assertThat(problems(VALID.replace("name: photos", "name: My_Photos"))).containsExactly(
                    "storage.yaml:4:9: metadata.name: 'My_Photos' is not a DNS label; use lower-case letters, digits "
                            + "and '-', starting and ending with a letter or digit");
        }

        @Test
        void aFarmMustBeAnIdOrAName() {
            assertThat(problems(VALID.replace("countries: [BE, NL, DE]", "farms: [1, true]"))).containsExactly(
                    "storage.yaml:13:18: spec.nodes.placement.farms[1]: true is not a farm; give a farm id "
                            + "(a positive number) or a farm name (a string)");
        }
    }

    @Nested
    class YamlPitfalls {
        @Test
        void norwayStaysACountryUnderYaml12Rules() {
            StorageCluster cluster = check(VALID.replace("[BE, NL, DE]", "[NO, SE, ON]")).cluster().orElse(null);
            assertThat(check(VALID.replace("[BE, NL, DE]", "[NO, SE, ON]")).problems())
                    .extracting(SpecProblem::message)
                    .containsExactly("'ON' is not an ISO 3166-1 alpha-2 country code");
            assertThat(cluster).isNull();
            assertThat(check(VALID.replace("[BE, NL, DE]", "[NO, SE, FI]")).cluster().orElseThrow()
                    .spec().nodes().placement().countries()).containsExactly("NO", "SE", "FI");
        }

        @Test
        void duplicateKeysAreReportedWithBothLines() {
            assertThat(problems(VALID.replace("  name: photos", "  name: photos\n  name: videos"))).containsExactly(
                    "storage.yaml:5:3: metadata.name: duplicate key 'name' (first defined at line 4)");
        }

        @Test
        void tabsInIndentationAreReportedOnEveryLine() {
            assertThat(problems(VALID.replace("  name: photos", "\tname: photos").replace("    dataShards", "\t  dataShards")))
                    .containsExactly(
                            "storage.yaml:4:1: syntax: tab character in indentation; YAML indents with spaces only",
                            "storage.yaml:8:1: syntax: tab character in indentation; YAML indents with spaces only");
        }

        @Test
        void aTabInsideAValueIsNotIndentation() {
            assertThat(problems(VALID.replace("name: photos", "name: \"pho\ttos\""))).hasSize(1)
                    .first().asString().startsWith("storage.yaml:4:9: metadata.name: 'pho\ttos' is not a DNS label");
        }

        @Test
        void aSecondDocumentIsRefusedWhereItStarts() {
            assertThat(problems(VALID + "---\nkind: StorageCluster\n")).containsExactly(
                    "storage.yaml:14:1: document: a second YAML document starts here; a spec file holds exactly one StorageCluster");
        }

        @Test
        void aLeadingDocumentMarkerIsFine() {
            assertThat(problems("---\n" + VALID)).isEmpty();
        }

        @Test
        void anEmptyFileIsRefused() {
            assertThat(problems("")).containsExactly("storage.yaml:1:1: document: the file is empty; expected a "
                    + "StorageCluster document (apiVersion: qsctl.io/v1, kind: StorageCluster, metadata, spec)");
            assertThat(problems("# only a comment\n\n")).containsExactly("storage.yaml:1:1: document: the file is "
                    + "empty; expected a StorageCluster document (apiVersion: qsctl.io/v1, kind: StorageCluster, "
                    + "metadata, spec)");
        }

        @Test
        void aSyntaxErrorIsReportedWhereTheParserStopped() {
            assertThat(problems("apiVersion: qsctl.io/v1\nmetadata: {name: a\nspec: {capacity: 1GiB}\n"))
                    .containsExactly("storage.yaml:3:5: syntax: while parsing a flow mapping: expected ',' or '}', but got :");
        }

        @Test
        void anAliasBombIsRefusedWithoutExpandingIt() {
            StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (char level = 'b'; level <= 'j'; level++) {
                String previous = "*" + (char) (level - 1);
                bomb.append(level).append(": &").append(level).append(" [")
                        .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
            }
            // b adds 90 values, c 819, d 7380: the first alias of e (line 5, column 8) crosses 10000.
            assertThat(problems(bomb.toString())).containsExactly("storage.yaml:5:8: e[0]: aliases expand this "
                    + "document past 10000 extra values by here; refusing it (an alias bomb?)");
        }

        @Test
        void aRecursiveAliasIsRefused() {
            assertThat(problems("a: &a [1, *a]\n"))
                    .contains("storage.yaml:1:11: a[1]: recursive alias: this value contains itself");
            assertThat(problems("a: &a {b: {c: *a}}\n"))
                    .contains("storage.yaml:1:15: a.b.c: recursive alias: this value contains itself");
        }

        @Test
        void anchorsAndMergeKeysWorkForReuse() {
            StorageCluster cluster = check("""
                    apiVersion: qsctl.io/v1
                    kind: StorageCluster
                    metadata: {name: merged}
                    spec:
                      capacity: 1GiB
                      funding: &funding {minRunwayDays: 40, alertRunwayDays: 10}
                      redundancy:
                        <<: {dataShards: 5, parityShards: 1}
                        parityShards: 3
                    """).cluster().orElseThrow();
            assertThat(cluster.spec().redundancy()).isEqualTo(new Redundancy(5, 3));
            assertThat(cluster.spec().funding()).isEqualTo(new FundingSpec(40, 10));
        }

        @Test
        void customTagsAreRefused() {
            assertThat(problems(VALID.replace("name: photos", "name: !!python/object:os.system photos")))
                    .containsExactly("storage.yaml:4:9: syntax: Global tag is not allowed: "
                            + "tag:yaml.org,2002:python/object:os.system");
            assertThat(problems(VALID.replace("name: photos", "name: !secret photos")))
                    .containsExactly("storage.yaml:4:9: metadata.name: the tag !secret is not allowed in a spec");
        }

        @Test
        void infinityIsNotANumber() {
            assertThat(problems(VALID.replace("count: 20", "count: .inf"))).containsExactly(
                    "storage.yaml:11:12: spec.nodes.count: '.inf' is not a finite number");
        }
    }

    @Nested
    class Encoding {
        @Test
        void aNonUtf8ByteIsReportedAtItsLineAndColumn() {
            byte[] latin1 = "apiVersion: qsctl.io/v1\nmetadata:\n  name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(SpecLoader.check(SpecSource.of("s.yaml", latin1)).problems()).extracting(SpecProblem::toString)
                    .containsExactly("s.yaml:3:12: encoding: byte 0xE9 is not valid UTF-8; spec files must be UTF-8");
        }

        @Test
        void columnsCountCharactersNotBytes() {
            String yaml = "# \u00e9\u00e9\u00e9\nmetadata: {name: \u00e9x}\n";
            byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
            byte[] broken = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, broken, 0, 4);
            broken[4] = (byte) 0xFF;
            System.arraycopy(bytes, 4, broken, 5, bytes.length - 4);
            assertThat(SpecLoader.check(SpecSource.of("s.yaml", broken)).problems()).extracting(SpecProblem::position)
                    .containsExactly(new Position(1, 4));
        }

        @Test
        void utf16IsRefusedWithAnExplanation() {
            byte[] utf16 = VALID.getBytes(StandardCharsets.UTF_16);
            assertThat(SpecLoader.check(SpecSource.of("s.yaml", utf16)).problems()).extracting(SpecProblem::toString)
                    .containsExactly("s.yaml:1:1: encoding: the file is UTF-16; save it as UTF-8");
        }

        @Test
        void aUtf8ByteOrderMarkIsAccepted() {
            byte[] bom = ("\uFEFF" + VALID).getBytes(StandardCharsets.UTF_8);
            assertThat(SpecLoader.check(SpecSource.of("s.yaml", bom)).problems()).isEmpty();
        }

        @Test
        void aFileOverTheSizeLimitIsNotParsed() {
            byte[] huge = new byte[SpecSource.MAX_BYTES + 1];
            java.util.Arrays.fill(huge, (byte) '#');
            assertThat(SpecLoader.check(SpecSource.read("big.yaml", new java.io.ByteArrayInputStream(huge)))
                    .problems()).extracting(SpecProblem::toString)
                    .containsExactly("big.yaml:1:1: file: the file is 4.0MiB; spec files are limited to 4MiB");
        }
    }

    @Nested
    class CrossFieldRules {
        @Test
        void moreShardsThanNodesIsRefusedAtTheCount() {
            assertThat(problems(VALID.replace("count: 20", "count: 12"))).containsExactly(
                    "storage.yaml:11:12: spec.nodes.count: nodes.count is 12 but redundancy needs 20 nodes "
                            + "(dataShards 16 + parityShards 4), one per shard; raise nodes.count or lower the redundancy");
        }

        @Test
        void moreThan255ShardsIsRefused() {
            assertThat(problems(VALID.replace("dataShards: 16", "dataShards: 200").replace("parityShards: 4", "parityShards: 100")
                    .replace("count: 20", "count: 300"))).contains(
                    "storage.yaml:7:3: spec.redundancy: dataShards + parityShards is 300; Reed-Solomon over GF(2^8) "
                            + "allows at most 255 shards");
        }

        @Test
        void aZeroCapacityIsRefused() {
            assertThat(problems(VALID.replace("2TiB", "0GiB"))).containsExactly(
                    "storage.yaml:6:13: spec.capacity: capacity must be greater than zero; the smallest cluster holds 1GiB");
        }

        @Test
        void aCapacityBelowOneGibibyteIsRefusedAtItsPositionSayingWhy() {
            for (String tiny : new String[] {"1B", "512MiB", "1GB"}) {
                assertThat(problems(VALID.replace("2TiB", tiny))).as(tiny).singleElement().asString()
                        .startsWith("storage.yaml:6:13: spec.capacity: " + tiny + " is less than 1GiB, the smallest"
                                + " cluster qsctl plans: backends are reserved in whole GiB");
            }
            assertThat(problems(VALID.replace("2TiB", "1GiB"))).isEmpty();
        }

        @Test
        void aNodeBothPinnedAndExcludedIsRefusedAtTheExclusion() {
            assertThat(problems(VALID.replace("count: 20", "count: 1").replace("dataShards: 16", "dataShards: 1")
                    .replace("parityShards: 4", "parityShards: 1").replace("count: 1", "count: 2")
                    .replace("countries: [BE, NL, DE]", "nodeIds: [7, 8, 9]\n      exclude: [3, 8]")))
                    .containsExactly("storage.yaml:14:20: spec.nodes.placement.exclude[1]: node 8 is both in nodeIds "
                            + "and in exclude; keep it in one of them");
        }

        @Test
        void fewerPinnedNodesThanBackendsIsRefused() {
            assertThat(problems(VALID.replace("countries: [BE, NL, DE]", "nodeIds: [1, 2, 3]"))).containsExactly(
                    "storage.yaml:13:16: spec.nodes.placement.nodeIds: pins 3 usable nodes but nodes.count is 20; each "
                            + "backend needs its own node, so list at least 20 nodeIds or lower nodes.count");
        }

        @Test
        void anUnknownCountryCodeGetsTheIsoSpelling() {
            assertThat(problems(VALID.replace("[BE, NL, DE]", "[BE, UK]"))).containsExactly(
                    "storage.yaml:13:23: spec.nodes.placement.countries[1]: 'UK' is not an ISO 3166-1 alpha-2 country "
                            + "code; did you mean 'GB'?");
        }

        @Test
        void aCacheSmallerThanTheUnprotectedWindowIsRefused() {
            assertThat(problems(VALID + "  mount: {cache: 100MiB}\n")).containsExactly(
                    "storage.yaml:14:18: spec.mount.cache: cache (100MiB) is smaller than maxUnprotected (256MiB); "
                            + "data not yet uploaded lives in the cache");
        }

        @Test
        void aSegmentOutsideZeroDbLimitsIsRefused() {
            assertThat(problems(VALID + "  mount: {segmentSize: 8GiB, maxUnprotected: 16GiB, cache: 20GiB}\n")).containsExactly(
                    "storage.yaml:14:24: spec.mount.segmentSize: 8GiB is out of range; a segment is between 1MiB and "
                            + "4GiB (0-db data files are addressed with 32-bit offsets)");
        }

        @Test
        void fractionalBytesAreRefused() {
            assertThat(problems(VALID.replace("2TiB", "1.5B"))).containsExactly(
                    "storage.yaml:6:13: spec.capacity: '1.5B' is not a whole number of bytes");
        }

        @Test
        void theAlertMustFireBeforeTheRunwayMinimum() {
            assertThat(problems(VALID + "  funding: {minRunwayDays: 5, alertRunwayDays: 10}\n")).containsExactly(
                    "storage.yaml:14:48: spec.funding.alertRunwayDays: alertRunwayDays (10) is larger than "
                            + "minRunwayDays (5); the alert fires when the runway falls below the minimum kept");
        }
    }

    @Test
    void everyProblemIsReportedInFileOrderNotJustTheFirst() {
        List<String> found = problems("""
                apiVersion: qsctl.io/v1
                kind: StorageCluster
                metadata:
                  name: Bad_Name
                spec:
                  netwrok: local
                  capacity: 10 GB B
                  redundancy:
                    parityShards: 300
                  nodes:
                    placement:
                      countries: [BE, UK]
                      spread: farms
                """);
        assertThat(found).extracting(p -> p.substring(0, p.indexOf(": ")))
                .containsExactly("storage.yaml:4:9", "storage.yaml:6:3", "storage.yaml:7:13", "storage.yaml:9:19",
                        "storage.yaml:12:23", "storage.yaml:13:15");
    }
}
