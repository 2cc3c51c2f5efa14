package io.qsctl.provider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A search for nodes, in the grid proxy's terms: the same filters, named as its {@code /nodes}
 * query parameters, so the real grid and the embedded one answer the same question the same way.
 * Filters combine with AND; an empty list means "any".
 *
 * <p>Two extensions over the grid proxy, both expressible with it by repeating the query:
 * {@code countries} takes several countries and {@code farmNames} several farm names.
 */
public record NodeQuery(List<String> countries, List<FarmId> farmIds, List<String> farmNames, List<NodeId> nodeIds,
                        List<NodeId> excluded, long minFreeHru, List<NodeStatus> statuses, Optional<Boolean> healthy,
                        List<String> features, int page, int size, Optional<String> sortBy, boolean ascending) {

    /** The grid proxy's default and largest page. */
    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    /** The feature a node must offer to host a zdb namespace. */
    public static final String ZDB = "zdb";

    public NodeQuery {
        countries = List.copyOf(countries);
        farmIds = List.copyOf(farmIds);
        farmNames = List.copyOf(farmNames);
        nodeIds = List.copyOf(nodeIds);
        excluded = List.copyOf(excluded);
        statuses = List.copyOf(statuses);
        Objects.requireNonNull(healthy, "healthy");
        features = List.copyOf(features);
        Objects.requireNonNull(sortBy, "sortBy");
        if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page from 1, size from 1 to " + MAX_PAGE_SIZE);
        }
        if (minFreeHru < 0) {
            throw new IllegalArgumentException("free HRU cannot be negative");
        }
    }

    /** Every node, first page. */
    public static NodeQuery all() {
        return new NodeQuery(List.of(), List.of(), List.of(), List.of(), List.of(), 0, List.of(), Optional.empty(),
                List.of(), 1, DEFAULT_PAGE_SIZE, Optional.empty(), true);
    }

    /** Nodes that can take a zdb backend of {@code bytes} now: up, healthy, offering zdb, with that much free HDD. */
    public static NodeQuery forZdb(long bytes) {
        return all().withStatuses(List.of(NodeStatus.UP)).withHealthy(Optional.of(true)).withFeatures(List.of(ZDB))
                .withMinFreeHru(bytes);
    }

    public NodeQuery withCountries(List<String> value) {
        return new NodeQuery(value, farmIds, farmNames, nodeIds, excluded, minFreeHru, statuses, healthy, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withFarmIds(List<FarmId> value) {
        return new NodeQuery(countries, value, farmNames, nodeIds, excluded, minFreeHru, statuses, healthy, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withFarmNames(List<String> value) {
        return new NodeQuery(countries, farmIds, value, nodeIds, excluded, minFreeHru, statuses, healthy, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withNodeIds(List<NodeId> value) {
        return new NodeQuery(countries, farmIds, farmNames, value, excluded, minFreeHru, statuses, healthy, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withExcluded(List<NodeId> value) {
        return new NodeQuery(countries, farmIds, farmNames, nodeIds, value, minFreeHru, statuses, healthy, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withMinFreeHru(long value) {
        return new NodeQuery(countries, farmIds, farmNames, nodeIds, excluded, value, statuses, healthy, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withStatuses(List<NodeStatus> value) {
        return new NodeQuery(countries, farmIds, farmNames, nodeIds, excluded, minFreeHru, value, healthy, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withHealthy(Optional<Boolean> value) {
        return new NodeQuery(countries, farmIds, farmNames, nodeIds, excluded, minFreeHru, statuses, value, features, page,
                size, sortBy, ascending);
    }

    public NodeQuery withFeatures(List<String> value) {
        return new NodeQuery(countries, farmIds, farmNames, nodeIds, excluded, minFreeHru, statuses, healthy, value, page,
                size, sortBy, ascending);
    }

    public NodeQuery withPage(int newPage, int newSize) {
        return new NodeQuery(countries, farmIds, farmNames, nodeIds, excluded, minFreeHru, statuses, healthy, features,
                newPage, newSize, sortBy, ascending);
    }

    public NodeQuery withSort(Optional<String> field, boolean asc) {
        return new NodeQuery(countries, farmIds, farmNames, nodeIds, excluded, minFreeHru, statuses, healthy, features, page,
                size, field, asc);
    }

    /** Whether a node passes every filter (not paging). The embedded grid answers queries with this. */
    public boolean matches(Node node) {
        if (!countries.isEmpty() && countries.stream().noneMatch(c -> c.equalsIgnoreCase(node.country()))) {
            return false;
        }
        if (!farmIds.isEmpty() && !farmIds.contains(node.farmId())) {
            return false;
        }
        if (!farmNames.isEmpty() && farmNames.stream().noneMatch(n -> n.equalsIgnoreCase(node.farmName()))) {
            return false;
        }
        if (!nodeIds.isEmpty() && !nodeIds.contains(node.id())) {
            return false;
        }
        if (excluded.contains(node.id())) {
            return false;
        }
        if (node.freeHru() < minFreeHru) {
            return false;
        }
        if (!statuses.isEmpty() && !statuses.contains(node.status())) {
            return false;
        }
        if (healthy.isPresent() && healthy.get() != node.healthy()) {
            return false;
        }
        return node.features().containsAll(features);
    }

    /**
     * The query as grid proxy parameters ({@code farm_ids=1,2&free_hru=...&status=up}). Countries
     * and farm names, which the grid proxy takes one at a time, are sent comma-separated; a client
     * for the real grid splits them into one request each (see {@link #splitForGridProxy()}).
     */
    public Map<String, String> toParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (!countries.isEmpty()) {
            p.put("country", String.join(",", countries));
        }
        if (!farmIds.isEmpty()) {
            p.put("farm_ids", farmIds.stream().map(FarmId::toString).collect(Collectors.joining(",")));
        }
        if (!farmNames.isEmpty()) {
            p.put("farm_name", String.join(",", farmNames));
        }
        if (!nodeIds.isEmpty()) {
            p.put("node_ids", nodeIds.stream().map(NodeId::toString).collect(Collectors.joining(",")));
        }
        if (!excluded.isEmpty()) {
            p.put("excluded", excluded.stream().map(NodeId::toString).collect(Collectors.joining(",")));
        }
        if (minFreeHru > 0) {
            p.put("free_hru", Long.toString(minFreeHru));
        }
        if (!statuses.isEmpty()) {
            p.put("status", statuses.stream().map(NodeStatus::id).collect(Collectors.joining(",")));
        }
        healthy.ifPresent(h -> p.put("healthy", h.toString()));
        if (!features.isEmpty()) {
            p.put("features", String.join(",", features));
        }
        p.put("page", Integer.toString(page));
        p.put("size", Integer.toString(size));
        sortBy.ifPresent(field -> {
            p.put("sort_by", field);
            p.put("sort_order", ascending ? "asc" : "desc");
        });
        return p;
    }

    /** Reads grid proxy parameters back; unknown parameters are refused, so a typo is not a silent "any". */
    public static NodeQuery fromParameters(Map<String, String> parameters) {
        NodeQuery q = all();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String v = e.getValue();
            q = switch (e.getKey()) {
                case "country" -> q.withCountries(list(v));
                case "farm_ids" -> q.withFarmIds(list(v).stream().map(s -> new FarmId(Long.parseLong(s))).toList());
                case "farm_name" -> q.withFarmNames(list(v));
                case "node_ids", "node_id" -> q.withNodeIds(list(v).stream().map(s -> new NodeId(Long.parseLong(s))).toList());
                case "excluded" -> q.withExcluded(list(v).stream().map(s -> new NodeId(Long.parseLong(s))).toList());
                case "free_hru" -> q.withMinFreeHru(Long.parseLong(v));
                case "status" -> q.withStatuses(list(v).stream().map(NodeStatus::fromId).toList());
                case "healthy" -> q.withHealthy(Optional.of(Boolean.parseBoolean(v)));
                case "features" -> q.withFeatures(list(v));
                case "page" -> q.withPage(Integer.parseInt(v), q.size());
                case "size" -> q.withPage(q.page(), Integer.parseInt(v));
                case "sort_by" -> q.withSort(Optional.of(v), q.ascending());
                case "sort_order" -> q.withSort(q.sortBy(), !v.toLowerCase(Locale.ROOT).equals("desc"));
                case "ret_count", "randomize" -> q;
                default -> throw new IllegalArgumentException("unknown node filter '" + e.getKey() + "'");
            };
        }
        return q;
    }

    /** The grid proxy takes one country and one farm name per request: the queries to send. */
    public List<NodeQuery> splitForGridProxy() {
        List<NodeQuery> out = new ArrayList<>();
        List<String> cs = countries.isEmpty() ? java.util.Collections.singletonList(null) : countries;
        List<String> fs = farmNames.isEmpty() ? java.util.Collections.singletonList(null) : farmNames;
        for (String c : cs) {
            for (String f : fs) {
                out.add(withCountries(c == null ? List.of() : List.of(c)).withFarmNames(f == null ? List.of() : List.of(f)));
            }
        }
        return out;
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
