package io.qsctl.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qsctl.common.QsctlException;
import io.qsctl.reconciler.api.DeleteBackend;
import io.qsctl.reconciler.api.GrowBackend;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanFile;
import io.qsctl.reconciler.api.ReplaceBackend;
import io.qsctl.spec.StorageCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class PlanFileTest {

    @TempDir
    Path dir;

    private Plan aPlanWithEveryKindOfAction() {
        World world = new World(dir.resolve("state")).catalogue(8, 3, 200, "BE", "NL");
        StorageCluster first = Clusters.named(World.CLUSTER).count(6).build();
        world.converge(first);
        world.grid.setStatus(world.state().serving("data-01").orElseThrow().node(), io.qsctl.provider.NodeStatus.DOWN);
        StorageCluster second = Clusters.named(World.CLUSTER).count(5).capacityGib(400).build();
        return world.plan(second);
    }

    @Test
    void aPlanReadsBackEqual() {
        Plan plan = aPlanWithEveryKindOfAction();
        assertThat(plan.actions()).hasAtLeastOneElementOfType(GrowBackend.class)
                .hasAtLeastOneElementOfType(ReplaceBackend.class).hasAtLeastOneElementOfType(DeleteBackend.class);
        Path file = dir.resolve("plan.qsplan");
        PlanFile.write(plan, file);
        assertThat(PlanFile.read(file)).isEqualTo(plan);
    }

    @Test
    void aPlanFileHoldsNoPasswordAndNoDeploymentHash() throws Exception {
        World world = new World(dir.resolve("state")).catalogue(8, 3, 200, "BE");
        Plan plan = world.plan(Clusters.named(World.CLUSTER).build());
        Path file = dir.resolve("plan.qsplan");
        PlanFile.write(plan, file);
        String text = Files.readString(file);
        assertThat(text).doesNotContain(world.identity.namespacePassword(World.CLUSTER, "data-00"))
                .doesNotContain("password").doesNotContain("hash\"");
        assertThat(text).contains("\"format\" : \"qsctl-plan\"", "\"formatVersion\" : 1");
    }

    @Test
    void aPlanFromANewerQsctlIsRefused() {
        World world = new World(dir.resolve("state")).catalogue(8, 3, 200, "BE");
        ObjectNode json = PlanFile.toJson(world.plan(Clusters.named(World.CLUSTER).build()));
        json.put("formatVersion", 2);
        assertThatThrownBy(() -> PlanFile.fromJson(json)).isInstanceOf(QsctlException.class)
                .hasMessageContaining("newer qsctl");
    }

    @Test
    void somethingElseIsNotTakenForAPlan() throws Exception {
        Path file = dir.resolve("storage.yaml");
        Files.writeString(file, "apiVersion: qsctl.io/v1\n");
        assertThatThrownBy(() -> PlanFile.read(file)).isInstanceOf(QsctlException.class)
                .hasMessageContaining("not a qsctl plan file");
        Files.writeString(file, "{\"format\":\"something\"}");
        assertThatThrownBy(() -> PlanFile.read(file)).isInstanceOf(QsctlException.class)
                .hasMessageContaining("not a qsctl plan file");
        assertThatThrownBy(() -> PlanFile.read(dir.resolve("missing.qsplan"))).isInstanceOf(QsctlException.class)
                .hasMessageContaining("qsctl plan -f storage.yaml --out");
    }
}
