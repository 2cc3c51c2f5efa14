package io.qsctl.provider.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a grid home's saved ledger ({@code world.json}) with its nodes' files, as they are on
 * disk, with no grid running: every live contract has its namespace's directories, no deleted
 * contract has any, and no namespace is there that no contract owns.
 */
final class LedgerAndFiles {

    /** A contract as the saved ledger has it. */
    record Saved(long id, long node, String namespace, String state) {
        boolean live() {
            return !state.equals("DELETED");
        }
    }

    private LedgerAndFiles() {
    }

    static List<Saved> contracts(Path home) {
        try {
            JsonNode world = JsonMapper.shared().readTree(Files.readString(home.resolve(WorldStore.FILE_NAME)));
            List<Saved> out = new ArrayList<>();
            for (JsonNode c : world.path("contracts")) {
                out.add(new Saved(c.path("id").asLong(), c.path("node").asLong(), c.path("namespace").asString(),
                        c.path("state").asString()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean hasFiles(Path home, long node, String namespace) {
        Path dir = home.resolve("nodes").resolve(Long.toString(node));
        return Files.exists(dir.resolve("index").resolve(namespace)) || Files.exists(dir.resolve("data").resolve(namespace));
    }

    /** Every way the ledger and the files disagree, in words; empty when they agree. */
    static List<String> disagreements(Path home) {
        List<String> out = new ArrayList<>();
        Map<String, Saved> byNamespace = new HashMap<>();
        for (Saved c : contracts(home)) {
            byNamespace.put(c.node() + "/" + c.namespace(), c);
            boolean files = hasFiles(home, c.node(), c.namespace());
            if (c.live() && !files) {
                out.add("contract " + c.id() + " is " + c.state() + " but node " + c.node() + " has no " + c.namespace());
            }
            if (!c.live() && files) {
                out.add("contract " + c.id() + " is deleted but node " + c.node() + " still has " + c.namespace());
            }
        }
        try (Stream<Path> nodes = Files.list(home.resolve("nodes"))) {
            for (Path node : nodes.toList()) {
                for (String part : List.of("index", "data")) {
                    if (!Files.isDirectory(node.resolve(part))) {
                        continue;
                    }
                    try (Stream<Path> namespaces = Files.list(node.resolve(part))) {
                        for (Path ns : namespaces.filter(Files::isDirectory).toList()) {
                            String name = ns.getFileName().toString();
                            if (!name.equals("default") && !byNamespace.containsKey(node.getFileName() + "/" + name)) {
                                out.add("node " + node.getFileName() + " has " + part + "/" + name + ", which no contract owns");
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
