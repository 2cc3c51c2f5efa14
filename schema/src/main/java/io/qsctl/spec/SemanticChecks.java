package io.qsctl.spec;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Rules a JSON Schema cannot express: relations between fields, sizes with units, real country
 * codes. Runs on the tree with defaults applied, and skips any field whose type is already wrong
 * (the schema has reported it), so every independent problem is still reported in one pass.
 */
final class SemanticChecks {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Codes people write that ISO 3166 spells differently. */
    private static final Map<String, String> COUNTRY_ALIASES = Map.of("UK", "GB", "EL", "GR");
    private static final long MIN_SEGMENT = ByteSize.MIB;
    /** Backends come in whole GiB (the reconciler's CapacityPlanner), so less could not be had for less. */
    static final long MIN_CAPACITY = ByteSize.GIB;
    private static final long MAX_SEGMENT = 4 * ByteSize.GIB;

    private final JsonNode root;
    private final NodeLocator locator;
    private final Problems problems;

    private SemanticChecks(JsonNode root, NodeLocator locator, Problems problems) {
        this.root = root;
        this.locator = locator;
        this.problems = problems;
    }

    static void run(JsonNode root, NodeLocator locator, Problems problems) {
        new SemanticChecks(root, locator, problems).all();
    }

    private void all() {
        checkSizes();
        checkShards();
        checkPlacement();
        checkMount();
        checkFunding();
        checkWebhooks();
    }

    private void checkSizes() {
        for (FieldPath size : new FieldPath[] {
                FieldPath.of("spec", "capacity"), FieldPath.of("spec", "metadata", "size"),
                FieldPath.of("spec", "mount", "cache"), FieldPath.of("spec", "mount", "segmentSize"),
                FieldPath.of("spec", "mount", "maxUnprotected")}) {
            JsonNode value = at(size);
            if (value.isString()) {
                ByteSize.Parsed parsed = ByteSize.parse(value.asString());
                if (!parsed.ok() && isWholeSizeSyntax(value.asString())) {
                    report(size, parsed.problem());
                }
            }
        }
        size(FieldPath.of("spec", "capacity")).filter(c -> c.bytes() < MIN_CAPACITY)
                .ifPresent(c -> report(FieldPath.of("spec", "capacity"), c.bytes() == 0
                        ? "capacity must be greater than zero; the smallest cluster holds 1GiB"
                        : at(FieldPath.of("spec", "capacity")).asString() + " is less than 1GiB, the smallest cluster"
                        + " qsctl plans: backends are reserved in whole"
                        + " GiB, so a smaller capacity would cost as much and only look smaller; write 1GiB or more"));
        size(FieldPath.of("spec", "metadata", "size")).filter(c -> c.bytes() < ByteSize.MIB)
                .ifPresent(c -> report(FieldPath.of("spec", "metadata", "size"),
                        c + " is too small for a metadata backend; the minimum is 1MiB"));
    }

    /** Only sizes that passed the schema's pattern (so the schema has not already reported them). */
    private static boolean isWholeSizeSyntax(String text) {
        return text.matches("[0-9]+(\\.[0-9]+)? ?(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)");
    }

    private void checkShards() {
        Optional<Integer> data = integer(FieldPath.of("spec", "redundancy", "dataShards"));
        Optional<Integer> parity = integer(FieldPath.of("spec", "redundancy", "parityShards"));
        if (data.isEmpty() || parity.isEmpty() || !inShardRange(data.get()) || !inShardRange(parity.get())) {
            return; // the schema has reported the out-of-range value
        }
        int total = data.get() + parity.get();
        if (total > Redundancy.MAX_TOTAL_SHARDS) {
            report(FieldPath.of("spec", "redundancy"), "dataShards + parityShards is " + total
                    + "; Reed-Solomon over GF(2^8) allows at most " + Redundancy.MAX_TOTAL_SHARDS + " shards");
        }
        FieldPath countPath = FieldPath.of("spec", "nodes", "count");
        integer(countPath).ifPresent(count -> {
            if (count < total) {
                report(countPath, "nodes.count is " + count + " but redundancy needs " + total
                        + " nodes (dataShards " + data.get() + " + parityShards " + parity.get()
                        + "), one per shard; raise nodes.count or lower the redundancy");
            }
        });
    }

    private static boolean inShardRange(int shards) {
        return shards >= 1 && shards < Redundancy.MAX_TOTAL_SHARDS;
    }

    private void checkPlacement() {
        FieldPath placement = FieldPath.of("spec", "nodes", "placement");
        JsonNode countries = at(placement.key("countries"));
        if (countries.isArray()) {
            for (int i = 0; i < countries.size(); i++) {
                JsonNode code = countries.get(i);
                if (code.isString() && code.asString().matches("[A-Z]{2}") && !COUNTRIES.contains(code.asString())) {
                    String alias = COUNTRY_ALIASES.get(code.asString());
                    report(placement.key("countries").index(i), "'" + code.asString()
                            + "' is not an ISO 3166-1 alpha-2 country code"
                            + (alias == null ? "" : "; did you mean '" + alias + "'?"));
                }
            }
        }
        JsonNode nodeIds = at(placement.key("nodeIds"));
        JsonNode exclude = at(placement.key("exclude"));
        Set<Long> pinned = new HashSet<>();
        if (nodeIds.isArray()) {
            nodeIds.forEach(id -> {
                if (id.isIntegralNumber()) {
                    pinned.add(id.asLong());
                }
            });
        }
        Set<Long> excluded = new HashSet<>();
        if (exclude.isArray()) {
            for (int i = 0; i < exclude.size(); i++) {
                JsonNode id = exclude.get(i);
                if (id.isIntegralNumber()) {
                    excluded.add(id.asLong());
                    if (pinned.contains(id.asLong())) {
                        report(placement.key("exclude").index(i), "node " + id.asLong()
                                + " is both in nodeIds and in exclude; keep it in one of them");
                    }
                }
            }
        }
        Optional<Integer> count = integer(FieldPath.of("spec", "nodes", "count"));
        if (!pinned.isEmpty() && count.isPresent()) {
            pinned.removeAll(excluded);
            if (pinned.size() < count.get()) {
                report(placement.key("nodeIds"), "pins " + pinned.size() + " usable node"
                        + (pinned.size() == 1 ? "" : "s") + " but nodes.count is " + count.get()
                        + "; each backend needs its own node, so list at least " + count.get()
                        + " nodeIds or lower nodes.count");
            }
        }
    }

    private void checkMount() {
        FieldPath mount = FieldPath.of("spec", "mount");
        JsonNode path = at(mount.key("path"));
        if (path.isString() && path.asString().startsWith("/")) {
            for (String part : path.asString().split("/")) {
                if (part.equals("..") || part.equals(".")) {
                    report(mount.key("path"), "'" + path.asString() + "' must not contain '.' or '..' segments");
                    break;
                }
            }
        }
        Optional<ByteSize> segment = size(mount.key("segmentSize"));
        Optional<ByteSize> unprotected = size(mount.key("maxUnprotected"));
        Optional<ByteSize> cache = size(mount.key("cache"));
        if (segment.isPresent() && (segment.get().bytes() < MIN_SEGMENT || segment.get().bytes() > MAX_SEGMENT)) {
            report(mount.key("segmentSize"), segment.get() + " is out of range; a segment is between 1MiB and 4GiB "
                    + "(0-db data files are addressed with 32-bit offsets)");
            segment = Optional.empty();
        }
        if (segment.isPresent() && unprotected.isPresent() && unprotected.get().compareTo(segment.get()) < 0) {
            reportAtPresent(mount.key("maxUnprotected"), mount.key("segmentSize"), "maxUnprotected ("
                    + unprotected.get() + ") is smaller than segmentSize (" + segment.get()
                    + "); at least one open segment must fit");
        }
        if (unprotected.isPresent() && cache.isPresent() && cache.get().compareTo(unprotected.get()) < 0) {
            reportAtPresent(mount.key("cache"), mount.key("maxUnprotected"), "cache (" + cache.get()
                    + ") is smaller than maxUnprotected (" + unprotected.get()
                    + "); data not yet uploaded lives in the cache");
        }
    }

    private void checkFunding() {
        FieldPath funding = FieldPath.of("spec", "funding");
        Optional<Integer> min = integer(funding.key("minRunwayDays"));
        Optional<Integer> alert = integer(funding.key("alertRunwayDays"));
        if (min.isPresent() && alert.isPresent() && alert.get() > min.get()) {
            reportAtPresent(funding.key("alertRunwayDays"), funding.key("minRunwayDays"), "alertRunwayDays ("
                    + alert.get() + ") is larger than minRunwayDays (" + min.get()
                    + "); the alert fires when the runway falls below the minimum kept");
        }
    }

    private void checkWebhooks() {
        JsonNode notify = at(FieldPath.of("spec", "notify"));
        if (!notify.isArray()) {
            return;
        }
        for (int i = 0; i < notify.size(); i++) {
            FieldPath webhook = FieldPath.of("spec", "notify").index(i).key("webhook");
            JsonNode url = at(webhook);
            if (url.isString() && url.asString().matches("https?://\\S+")) {
                try {
                    java.net.URI uri = new java.net.URI(url.asString());
                    if (uri.getHost() == null) {
                        report(webhook, "'" + url.asString() + "' has no host");
                    }
                } catch (java.net.URISyntaxException e) {
                    report(webhook, "'" + url.asString() + "' is not a valid URL: " + e.getReason());
                }
            }
        }
    }

    private JsonNode at(FieldPath path) {
        return root.at(SchemaProblems.pointer(path));
    }

    private Optional<Integer> integer(FieldPath path) {
        JsonNode value = at(path);
        return value.isIntegralNumber() && value.canConvertToInt() ? Optional.of(value.asInt()) : Optional.empty();
    }

    private Optional<ByteSize> size(FieldPath path) {
        JsonNode value = at(path);
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
            return Optional.of(ByteSize.ofBytes(value.asLong()));
        }
        if (value.isString()) {
            return ByteSize.parse(value.asString()).size();
        }
        return Optional.empty();
    }

    private void report(FieldPath path, String message) {
        problems.add(locator.valuePosition(path), path, message);
    }

    /** For a rule between two fields, point at the one the user wrote (the other may be a default). */
    private void reportAtPresent(FieldPath preferred, FieldPath other, String message) {
        FieldPath at = locator.isPresent(preferred) || !locator.isPresent(other) ? preferred : other;
        report(at, message);
    }
}
