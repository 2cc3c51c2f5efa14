package io.qsctl.cli;

/** The README's quickstart with its count, capacity and countries changed, as a user edits it. */
final class QuickstartSpec {

    static final String CLUSTER = "quickstart";

    private QuickstartSpec() {
    }

    /** {@code countries} is a YAML list body such as {@code "BE, NL, DE"}, or null for no placement. */
    static String yaml(int count, String capacity, String countries) {
        return """
                # yaml-language-server: $schema=../schema/storage-cluster.schema.json
                apiVersion: qsctl.io/v1
                kind: StorageCluster
                metadata:
                  name: quickstart
                spec:
                  network: local
                  capacity: %s
                  redundancy:
                    dataShards: 4
                    parityShards: 2
                  nodes:
                    count: %d
                %s""".formatted(capacity, count, countries == null ? ""
                : "    placement:\n      countries: [" + countries + "]\n      spread: country\n");
    }
}
