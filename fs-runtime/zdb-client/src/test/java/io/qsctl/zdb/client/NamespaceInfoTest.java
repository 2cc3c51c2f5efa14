package io.qsctl.zdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NamespaceInfoTest {

    /** As zdbd/commands_namespace.c writes it. */
    private static final String NSINFO = """
            # namespace
            name: photos
            entries: 1000
            public: no
            worm: no
            locked: no
            password: yes
            data_size_bytes: 123456
            data_size_mb: 0.12
            data_limits_bytes: 1073741824
            index_size_bytes: 42000
            index_size_kb: 41.02
            next_internal_id: 0xe8030000
            mode: sequential
            stats_index_io_errors: 0
            index_disk_freespace_bytes: 1000000
            """;

    @Test
    void readsTheFieldsZeroDbSends() {
        NamespaceInfo info = NamespaceInfo.parse(NSINFO);

        assertThat(info.name()).contains("photos");
        assertThat(info.entries()).isEqualTo(OptionalLong.of(1000));
        assertThat(info.isPublic()).contains(false);
        assertThat(info.worm()).contains(false);
        assertThat(info.locked()).contains(false);
        assertThat(info.passwordProtected()).contains(true);
        assertThat(info.dataSizeBytes()).isEqualTo(OptionalLong.of(123456));
        assertThat(info.dataLimitBytes()).isEqualTo(OptionalLong.of(1073741824));
        assertThat(info.indexSizeBytes()).isEqualTo(OptionalLong.of(42000));
        assertThat(info.mode()).contains("sequential");
        assertThat(info.field("next_internal_id")).contains("0xe8030000");
        assertThat(info.fields()).hasSize(15);
    }

    @Test
    void fieldsAnOlderServerDoesNotSendAreEmpty() {
        NamespaceInfo info = NamespaceInfo.parse("# namespace\nname: default\nentries: 0\n");

        assertThat(info.locked()).isEmpty();
        assertThat(info.longField("data_size_mb")).isEmpty();
        assertThat(info.longField("name")).isEmpty();
    }
}
