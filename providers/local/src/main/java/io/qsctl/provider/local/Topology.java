package io.qsctl.provider.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedded grid's default world, the same for the same seed: 8 farms in 7 countries (two in
 * Belgium, so spreading by farm and by country differ), 36 nodes with HDD from 500 GiB to 16 TiB,
 * uptimes from an hour to four months, price multipliers from 0.7 to 1.5, two certified farms.
 * A few nodes are nearly full because another tenant holds real contracts on them, one node is
 * down and one is in standby (powered off by its farmer's bot), as some always are on the real grid.
 */
final class Topology {

    static final long GIB = 1024L * 1024 * 1024;
    static final long TIB = 1024 * GIB;
    /** The tenant who fills some nodes: rich enough never to run dry. */
    static final long TENANT_FUNDS = 1_000_000_000L;

    private record Site(String farm, String country, boolean certified, List<City> cities, int nodes) {
    }

    private record City(String name, double latitude, double longitude) {
    }

    private static final List<Site> SITES = List.of(
            new Site("freefarm", "BE", true, List.of(new City("Ghent", 51.05, 3.72), new City("Brussels", 50.85, 4.35)), 6),
            new Site("antwerp-hosting", "BE", false, List.of(new City("Antwerp", 51.22, 4.40)), 3),
            new Site("dutch-dc", "NL", false, List.of(new City("Amsterdam", 52.37, 4.90),
                    new City("Rotterdam", 51.92, 4.48)), 5),
            new Site("rhein-nodes", "DE", true, List.of(new City("Frankfurt", 50.11, 8.68), new City("Berlin", 52.52, 13.40)), 6),
            new Site("lyon-grid", "FR", false, List.of(new City("Lyon", 45.76, 4.84), new City("Paris", 48.86, 2.35)), 5),
            new Site("nile-farm", "EG", false, List.of(new City("Cairo", 30.04, 31.24)), 4),
            new Site("prairie-farm", "US", false, List.of(new City("Chicago", 41.88, -87.63),
                    new City("Austin", 30.27, -97.74)), 4),
            new Site("alpine-racks", "CH", false, List.of(new City("Zurich", 47.37, 8.54)), 3));

    private static final long[] HDD_CHOICES = {
        500 * GIB, 1 * TIB, 2 * TIB, 4 * TIB, 4 * TIB, 8 * TIB, 8 * TIB, 12 * TIB, 16 * TIB};

    private Topology() {
    }

    /** A full contract the tenant holds on a node, to make it nearly full. */
    record TenantContract(long node, long size) {
    }

    /** The default world, and the tenant contracts to create on it once its nodes run. */
    record Generated(World world, long tenantTwin, List<TenantContract> tenantContracts) {
    }

    static Generated generate(long seed, Instant now) {
        SplittableRandom random = new SplittableRandom(seed);
        World world = new World(seed, 1, 1);
        List<TenantContract> tenant = new ArrayList<>();
        long nodeId = 1;
        long farmId = 1;
        for (Site site : SITES) {
            long farmTwin = world.newTwinId();
            world.put(new TwinRecord(farmTwin, fakeKey(random), 0));
            world.put(new FarmRecord(farmId, site.farm(), farmTwin, site.certified()));
            for (int i = 0; i < site.nodes(); i++) {
                City city = site.cities().get(i % site.cities().size());
                long hru = HDD_CHOICES[random.nextInt(HDD_CHOICES.length)];
                long cru = 4L << random.nextInt(5);
                long mru = (16L << random.nextInt(5)) * GIB;
                long sru = (256L << random.nextInt(4)) * GIB;
                int priceMille = 700 + 50 * random.nextInt(17);
                Duration uptime = Duration.ofMinutes(60 + random.nextLong(Duration.ofDays(120).toMinutes()));
                long nodeTwin = world.newTwinId();
                world.put(new TwinRecord(nodeTwin, fakeKey(random), 0));
                world.put(new NodeRecord(nodeId, farmId, nodeTwin, site.country(), city.name(), city.latitude(),
                        city.longitude(), cru, mru, sru, hru, priceMille, "up", now.minus(uptime), now, 0));
                nodeId++;
            }
            farmId++;
        }
        // some nodes are nearly full, some busy; the last two are down and in standby
        long last = nodeId - 1;
        world.put(world.node(last).orElseThrow().withStatus("down", now.minus(Duration.ofHours(3))));
        world.put(world.node(last - 1).orElseThrow().withStatus("standby", now.minus(Duration.ofMinutes(20))));
        long tenantTwin = world.newTwinId();
        world.put(new TwinRecord(tenantTwin, fakeKey(random), Math.multiplyExact(TENANT_FUNDS, 10_000_000L)));
        for (long id : new long[] {3, 11, 17, 24}) {
            NodeRecord node = world.node(id).orElseThrow();
            long free = Math.max(GIB, node.hru() / 50);
            tenant.add(new TenantContract(id, node.hru() - free));
        }
        for (long id : new long[] {5, 14, 20, 28, 31}) {
            NodeRecord node = world.node(id).orElseThrow();
            tenant.add(new TenantContract(id, node.hru() * (30 + random.nextInt(40)) / 100 / GIB * GIB));
        }
        return new Generated(world, tenantTwin, tenant);
    }

    /** Farmers', nodes' and the tenant's twins never sign anything here; their keys only look real. */
    private static String fakeKey(SplittableRandom random) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        return HexFormat.of().formatHex(key);
    }
}
