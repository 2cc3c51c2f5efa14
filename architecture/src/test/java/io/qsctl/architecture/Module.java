package io.qsctl.architecture;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The modules of ARCHITECTURE.md, each with the packages its main code lives in and the modules it
 * may use: the arrows of the design's table, written once. A new package must be added to its
 * module here ({@link ModuleRulesTest} refuses a class that belongs to no module), and a new arrow
 * means changing ARCHITECTURE.md and this table together.
 */
enum Module {

    COMMON("common", Set.of(), "io.qsctl.common.."),
    // test support, used by tests only: no module's main code may use it
    TESTING("testing", Set.of(), "io.qsctl.testing.."),
    SCHEMA("schema", Set.of(COMMON), "io.qsctl.spec.."),
    STATE("state", Set.of(COMMON), "io.qsctl.state.."),
    PROVIDER_API("providers/api", Set.of(COMMON),
            "io.qsctl.provider", "io.qsctl.provider.identity..", "io.qsctl.provider.json.."),
    ZDB_CLIENT("fs-runtime/zdb-client", Set.of(COMMON), "io.qsctl.zdb.client..", "io.qsctl.zdb.resp.."),
    ZDB("fs-runtime/zdb", Set.of(COMMON, ZDB_CLIENT),
            "io.qsctl.zdb.format..", "io.qsctl.zdb.engine..", "io.qsctl.zdb.server.."),
    ZSTOR("fs-runtime/zstor", Set.of(COMMON, ZDB_CLIENT), "io.qsctl.zstor.."),
    FUSE("fs-runtime/fuse", Set.of(COMMON, ZDB_CLIENT, ZDB, ZSTOR), "io.qsctl.fuse.."),
    PROVIDER_LOCAL("providers/local", Set.of(COMMON, PROVIDER_API, ZDB_CLIENT, ZDB), "io.qsctl.provider.local.."),
    PROVIDER_TFGRID("providers/tfgrid", Set.of(COMMON, PROVIDER_API), "io.qsctl.provider.tfgrid.."),
    PROVIDER_TFCONNECT("providers/tfconnect", Set.of(COMMON, PROVIDER_API), "io.qsctl.provider.tfconnect.."),
    RECONCILER("reconciler", Set.of(COMMON, SCHEMA, STATE, PROVIDER_API), "io.qsctl.reconciler.."),
    // the only place where the pieces are wired together
    CLI("cli", Set.of(COMMON, SCHEMA, STATE, PROVIDER_API, PROVIDER_LOCAL, PROVIDER_TFGRID, PROVIDER_TFCONNECT,
            ZDB_CLIENT, ZDB, ZSTOR, FUSE, RECONCILER), "io.qsctl.cli.."),
    // benchmarks measure the pieces directly, beside the CLI rather than through it
    BENCH("bench", Set.of(COMMON, SCHEMA, STATE, PROVIDER_API, PROVIDER_LOCAL, ZDB_CLIENT, ZDB, ZSTOR, RECONCILER),
            "io.qsctl.bench..");

    private final String directory;
    private final Set<Module> uses;
    private final String[] packages;

    Module(String directory, Set<Module> uses, String... packages) {
        this.directory = directory;
        this.uses = uses;
        this.packages = packages;
    }

    /** The module's directory, as ARCHITECTURE.md names it. */
    String directory() {
        return directory;
    }

    /** ArchUnit package identifiers of the module's main code. */
    String[] packages() {
        return packages.clone();
    }

    /** The module's own packages and those of every module it may use. */
    String[] reachable() {
        return Stream.concat(Stream.of(this), uses.stream()).flatMap(m -> Arrays.stream(m.packages))
                .toArray(String[]::new);
    }

    /** Every module it must not use: the rest of the table. */
    Set<Module> forbidden() {
        Set<Module> forbidden = EnumSet.allOf(Module.class);
        forbidden.remove(this);
        forbidden.removeAll(uses);
        return forbidden;
    }

    static String[] packagesOf(Set<Module> modules) {
        return modules.stream().flatMap(m -> Arrays.stream(m.packages)).toArray(String[]::new);
    }

    static String[] allPackages() {
        return packagesOf(EnumSet.allOf(Module.class));
    }

    @Override
    public String toString() {
        return directory;
    }
}
