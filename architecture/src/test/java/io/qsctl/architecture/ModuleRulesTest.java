package io.qsctl.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The module rules of ARCHITECTURE.md, checked over the main classes of every module (tests may
 * use more: zstor's tests start our 0-db server). Each rule is named after the sentence of the
 * design it holds, and a violation fails the build with that name and every offending dependency.
 */
class ModuleRulesTest {

    private static final String DESIGN = "ARCHITECTURE.md: ";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.qsctl");

    @Test
    void theRulesSeeTheWholeReactor() {
        // guards the rules against passing because the classes they check were never imported
        for (String core : new String[] {"io.qsctl.cli.Main", "io.qsctl.reconciler.Reconciler",
                "io.qsctl.zstor.ZStore", "io.qsctl.zdb.server.ZdbServer", "io.qsctl.zdb.client.ZdbConnection",
                "io.qsctl.provider.Grid", "io.qsctl.provider.local.LocalGrid", "io.qsctl.spec.StorageCluster",
                "io.qsctl.state.StateStore", "io.qsctl.bench.PlannerBenchmark"}) {
            if (!MAIN.contain(core)) {
                throw new AssertionError("the module rules did not import " + core
                        + ": a module is missing from architecture/pom.xml");
            }
        }
    }

    @Test
    void everyPackageBelongsToAModuleOfTheTable() {
        classes().should().resideInAnyPackage(Module.allPackages())
                .as("every package of qsctl belongs to one module of the table in architecture/Module.java")
                .because("a package outside the table would escape every rule below")
                .check(MAIN);
    }

    @ParameterizedTest(name = "{0} uses only the modules its arrows point to")
    @EnumSource(Module.class)
    void arrowsOnlyPointDown(Module module) {
        classes().that().resideInAnyPackage(module.packages())
                .should().onlyDependOnClassesThat(resideInAnyPackage(module.reachable())
                        .or(resideOutsideOfPackage("io.qsctl..")))
                .as(DESIGN + "arrows only point down: " + module + " uses no module of " + module.forbidden())
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void theReconcilerKnowsNoCliNoProviderImplementationNoHttpFuseOrZdb() {
        noClasses().that().resideInAPackage("io.qsctl.reconciler..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.qsctl.cli..", "io.qsctl.bench..",
                        "io.qsctl.provider.local..", "io.qsctl.provider.tfgrid..", "io.qsctl.provider.tfconnect..",
                        "io.qsctl.zdb..", "io.qsctl.zstor..", "io.qsctl.fuse..",
                        "okhttp3..", "java.net.http..", "com.sun.net.httpserver..", "jnr..", "ru.serce..")
                .as(DESIGN + "the reconciler knows no CLI, no provider implementation, and nothing of HTTP, FUSE"
                        + " or 0-db: it talks to the Grid interface and to NamespaceProbe")
                .check(MAIN);
    }

    @Test
    void theFsRuntimeKnowsNoGridMoneyOrYaml() {
        noClasses().that().resideInAnyPackage("io.qsctl.zdb..", "io.qsctl.zstor..", "io.qsctl.fuse..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.qsctl.provider..", "io.qsctl.reconciler..", "io.qsctl.spec..", "io.qsctl.state..",
                        "org.yaml..", "tools.jackson.dataformat.yaml..")
                .as(DESIGN + "the fs-runtime knows nothing of grids, money or YAML: it takes backends and keys"
                        + " as plain values")
                .allowEmptyShould(true)
                .check(MAIN);
    }

    @Test
    void zdbKnowsNothingOfErasureCoding() {
        noClasses().that().resideInAPackage("io.qsctl.zdb..")
                .should().dependOnClassesThat().resideInAnyPackage("io.qsctl.zstor..", "io.qsctl.fuse..")
                .as(DESIGN + "0-db (engine, server, client) knows nothing of erasure coding or the filesystem")
                .check(MAIN);
    }

    @Test
    void theErasureStoreTalksToBackendsThroughTheZdbClientOnly() {
        noClasses().that().resideInAPackage("io.qsctl.zstor..")
                .should().dependOnClassesThat().resideInAnyPackage(Module.ZDB.packages())
                .as(DESIGN + "the erasure store talks to its backends through the zdb client only, never our"
                        + " engine or server")
                .check(MAIN);
    }

    @Test
    void schemaAndStateStandAlone() {
        EnumSet<Module> notCommon = EnumSet.complementOf(EnumSet.of(Module.COMMON));
        for (Module module : new Module[] {Module.SCHEMA, Module.STATE}) {
            EnumSet<Module> others = EnumSet.copyOf(notCommon);
            others.remove(module);
            noClasses().that().resideInAnyPackage(module.packages())
                    .should().dependOnClassesThat().resideInAnyPackage(Module.packagesOf(others))
                    .as(DESIGN + "schema and state stand alone: " + module + " uses no module of ours but common")
                    .check(MAIN);
        }
    }

    @Test
    void theGridSpiStandsBelowTheEngine() {
        EnumSet<Module> above = EnumSet.complementOf(EnumSet.of(Module.COMMON, Module.PROVIDER_API));
        noClasses().that().resideInAnyPackage(Module.PROVIDER_API.packages())
                .should().dependOnClassesThat().resideInAnyPackage(Module.packagesOf(above))
                .as(DESIGN + "the Grid SPI (providers/api) stands below the engine: it uses no module of ours"
                        + " but common, and no grid implementation")
                .check(MAIN);
    }

    @Test
    void theCliUsesTheReconcilerThroughItsEntryPointAndApiOnly() {
        noClasses().that().resideInAPackage("io.qsctl.cli..")
                .should().dependOnClassesThat(resideInAPackage("io.qsctl.reconciler")
                        .and(not(name("io.qsctl.reconciler.Reconciler"))))
                .as("the CLI uses the reconciler through Reconciler and io.qsctl.reconciler.api only, never"
                        + " its machinery (docs/reconciler.md)")
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.qsctl.(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .as("no package cycles: packages of qsctl depend on each other in one direction")
                .check(MAIN);
    }
}
