package io.qsctl.cli;

import io.qsctl.cli.context.VersionProvider;
import io.qsctl.cli.grid.NodeTable;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.Farm;
import io.qsctl.provider.FarmId;
import io.qsctl.provider.NodeId;
import io.qsctl.provider.NodePage;
import io.qsctl.provider.NodeQuery;
import io.qsctl.provider.NodeStatus;
import io.qsctl.provider.json.GridProxyJson;
import io.qsctl.provider.local.GridFile;
import io.qsctl.provider.local.LocalGrid;
import io.qsctl.provider.local.LocalGridLauncher;
import io.qsctl.spec.ByteSize;
import io.qsctl.spec.Network;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code qsctl nodes list}: filters become a {@link NodeQuery}, the same query the reconciler
 * asks, answered by the grid's node search (on the embedded grid, the daemon's grid-proxy route).
 */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {
            "List the grid's nodes, filtered as the grid proxy filters them. Text is a table; -o json prints the "
                    + "page with each node in the grid proxy's node JSON. On --network local (the default) the "
                    + "embedded grid is started if it does not run."
        })
final class NodesListCommand extends QsctlSubcommand {

    @ParentCommand
    NodesCommand nodes;

    @Option(names = "--network", paramLabel = "NET", defaultValue = "local",
            description = "local | dev | qa | test | main (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--country", split = ",", paramLabel = "CC",
            description = "Only these countries (ISO codes, e.g. BE,NL; repeatable).")
    List<String> countries = new ArrayList<>();

    @Option(names = "--farm", split = ",", paramLabel = "FARM",
            description = "Only these farms, by id or name (repeatable).")
    List<String> farms = new ArrayList<>();

    @Option(names = "--node", split = ",", paramLabel = "ID", description = "Only these nodes (repeatable).")
    List<Long> nodeIds = new ArrayList<>();

    @Option(names = "--exclude", split = ",", paramLabel = "ID", description = "Not these nodes (repeatable).")
    List<Long> excluded = new ArrayList<>();

    @Option(names = "--min-free-hdd", paramLabel = "SIZE", description = "At least this much free HDD (e.g. 500GiB, 2TB).")
    String minFreeHdd;

    @Option(names = "--status", split = ",", paramLabel = "STATUS", description = "up, down or standby (repeatable).")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--healthy", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Only healthy nodes (--healthy=false: only unhealthy ones).")
    Boolean healthy;

    @Option(names = "--page", paramLabel = "N", defaultValue = "1", description = "Page (default: ${DEFAULT-VALUE}).")
    int page;

    @Option(names = "--size", paramLabel = "N", defaultValue = "50",
            description = "Nodes per page, at most 500 (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        Network net = network();
        if (page < 1) {
            throw usage("--page starts at 1");
        }
        if (size < 1 || size > NodeQuery.MAX_PAGE_SIZE) {
            throw usage("--size is between 1 and " + NodeQuery.MAX_PAGE_SIZE);
        }
        if (net != Network.LOCAL) {
            throw new QsctlException(ExitCode.ERROR, "--network " + net.id() + " needs the real grid's provider, which "
                    + "this qsctl does not have yet; only --network local works");
        }
        GridFile file = LocalGridLauncher.ensureRunning(nodes.home(), 1);
        OutputFormat format = global().output();
        PrintWriter out = out();
        try (LocalGrid grid = LocalGrid.connect(file, nodes.home())) {
            NodeQuery query = query(grid.farms());
            NodePage result = grid.nodes(query);
            if (format == OutputFormat.TEXT) {
                NodeTable.print(out, result.nodes());
                long pages = Math.max(1, (result.total() + size - 1) / size);
                out.println(result.total() + " node" + (result.total() == 1 ? "" : "s") + " match"
                        + (result.total() == 1 ? "es" : "") + (pages > 1 ? "; page " + page + " of " + pages : ""));
                out.flush();
            } else {
                // one document like every read command: the page, and the nodes in the grid proxy's own JSON
                ObjectNode doc = JsonMapper.shared().createObjectNode();
                doc.put("network", net.id());
                doc.put("page", page);
                doc.put("pageSize", size);
                doc.put("total", result.total());
                doc.set("nodes", GridProxyJson.nodes(result.nodes()));
                Documents.print(out, format, doc);
            }
        }
        return ExitCode.OK.code();
    }

    private Network network() {
        try {
            return Network.fromId(network.strip());
        } catch (IllegalArgumentException e) {
            throw usage("--network must be local, dev, qa, test or main, not '" + network + "'");
        }
    }

    /**
     * Farms given by name are looked up here, so {@code --farm 3,freefarm} means either farm (the
     * grid proxy would AND a farm id filter with a farm name filter).
     */
    private NodeQuery query(List<Farm> known) {
        List<FarmId> farmIds = new ArrayList<>();
        for (String farm : farms) {
            String f = farm.strip();
            if (f.matches("[0-9]+")) {
                farmIds.add(new FarmId(positive(Long.parseLong(f), "--farm")));
            } else {
                farmIds.add(known.stream().filter(k -> k.name().equalsIgnoreCase(f)).map(Farm::id).findFirst()
                        .orElseThrow(() -> new QsctlException(ExitCode.ERROR, "no farm is named '" + f + "'; the farms are "
                                + String.join(", ", known.stream().map(Farm::name).toList()))));
            }
        }
        List<NodeStatus> states = new ArrayList<>();
        for (String s : statuses) {
            try {
                states.add(NodeStatus.fromId(s.strip()));
            } catch (IllegalArgumentException e) {
                throw usage("--status must be up, down or standby, not '" + s + "'");
            }
        }
        long minFree = 0;
        if (minFreeHdd != null) {
            ByteSize.Parsed parsed = ByteSize.parse(minFreeHdd.strip());
            minFree = parsed.size().orElseThrow(() -> usage("--min-free-hdd: " + parsed.problem())).bytes();
        }
        return NodeQuery.all()
                .withCountries(countries.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).toList())
                .withFarmIds(farmIds)
                .withNodeIds(nodeIds.stream().map(id -> new NodeId(positive(id, "--node"))).toList())
                .withExcluded(excluded.stream().map(id -> new NodeId(positive(id, "--exclude"))).toList())
                .withMinFreeHru(minFree)
                .withStatuses(states)
                .withHealthy(Optional.ofNullable(healthy))
                .withPage(page, size);
    }

    private long positive(long id, String option) {
        if (id <= 0) {
            throw usage(option + " takes positive ids, not " + id);
        }
        return id;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
