package io.qsctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qsctl.provider.identity.Identity;
import io.qsctl.provider.identity.Mnemonic;
import io.qsctl.provider.identity.MnemonicIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * What qsctl says on stderr beyond its output: the sandbox identity's notice once per grid home
 * (always with -v), and with -vv/-vvv every grid request and the reconciler's timings, never a
 * secret.
 */
class VerboseOutputIT {

    private static final String NOTICE = "Using the embedded grid's sandbox identity";
    private static final String QUICKSTART = QsctlRun.REPOSITORY.resolve("examples/quickstart.yaml").toString();

    @Test
    void theSandboxNoticeIsShownOncePerGridHomeAndEveryTimeWithVerbose(@TempDir Path dir) {
        try (ClusterWorkspace workspace = new ClusterWorkspace(dir)) {
            assertThat(workspace.expect(0, "plan", "-f", QUICKSTART).stderr()).contains(NOTICE)
                    .contains("Shown once per grid home; -v shows it every time.");
            assertThat(workspace.gridHome().resolve("sandbox-notice.shown")).exists();
            assertThat(workspace.expect(0, "plan", "-f", QUICKSTART).stderr()).doesNotContain(NOTICE);
            assertThat(workspace.expect(0, "plan", "-f", QUICKSTART, "-o", "json").stderr()).doesNotContain(NOTICE);
            assertThat(workspace.expect(0, "plan", "-f", QUICKSTART, "-v").stderr()).contains(NOTICE);
            assertThat(workspace.expect(0, "plan", "-f", QUICKSTART).stderr()).doesNotContain(NOTICE);
        }
    }

    @Test
    void withVvvEveryGridRequestAndTheReconcilersTimingsAreLoggedAndNoSecretIs(@TempDir Path dir) throws Exception {
        Mnemonic mnemonic = Mnemonic.generate();
        Identity identity = MnemonicIdentity.of(mnemonic);
        List<String> texts = new ArrayList<>();
        try (ClusterWorkspace workspace = new ClusterWorkspace(dir)) {
            workspace.withEnv("QSCTL_MNEMONIC", String.join(" ", mnemonic.words()));
            QsctlRun apply = workspace.expect(0, "apply", "-f", QUICKSTART, "--auto-approve", "-vvv");
            texts.add(apply.stdout() + apply.stderr());
            assertThat(apply.stderr())
                    .containsPattern("TRACE GridHttp: grid GET /nodes\\?\\S*free_hru=\\d+\\S* -> 200 in \\d+ ms \\(0 bytes sent, \\d+ received\\)")
                    .containsPattern("TRACE GridHttp: grid POST /deployments -> 200 in \\d+ ms \\(\\d+ bytes sent, \\d+ received\\)")
                    .containsPattern("DEBUG Planner: refresh of quickstart: 0 backends observed, 0 drifts, in \\d+ ms")
                    .containsPattern("DEBUG Planner: plan of quickstart: 10 actions \\(placed and priced\\) in \\d+ ms")
                    .containsPattern("DEBUG Execution: batch 1 of 1 \\(\\S+\\): 10 backends signed, reserved and deployed in \\d+ ms")
                    .containsPattern("DEBUG Execution: apply of quickstart: 10 actions in \\d+ ms");

            QsctlRun status = workspace.expect(0, "status", "-f", QUICKSTART, "-vvv");
            texts.add(status.stdout() + status.stderr());
            assertThat(status.stderr())
                    .containsPattern("TRACE GridHttp: grid GET /contracts\\?\\S*twin_id=\\d+\\S* -> 200 in \\d+ ms")
                    .containsPattern("DEBUG Planner: refresh of quickstart: 10 backends observed, 0 drifts, in \\d+ ms");

            // -vv: the same requests, one short line each
            QsctlRun debug = workspace.expect(0, "status", "-f", QUICKSTART, "-vv");
            texts.add(debug.stdout() + debug.stderr());
            assertThat(debug.stderr()).containsPattern("DEBUG GridHttp: grid GET /contracts -> 200 in \\d+ ms\\R")
                    .doesNotContain("TRACE");

            Path object = Files.write(dir.resolve("object.bin"), "not a secret".repeat(1000).getBytes());
            QsctlRun put = workspace.expect(0, "object", "put", "-f", QUICKSTART, object.toString(), "-vvv");
            texts.add(put.stdout() + put.stderr());
            String id = put.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
            QsctlRun get = workspace.expect(0, "object", "get", "-f", QUICKSTART, id, "--to",
                    dir.resolve("back.bin").toString(), "-vvv");
            texts.add(get.stdout() + get.stderr());
            assertThat(get.stderr()).containsPattern("grid GET /health -> 200 in \\d+ ms");

            QsctlRun advance = workspace.expect(0, "grid", "clock", "advance", "1h", "-vvv");
            texts.add(advance.stdout() + advance.stderr());
            assertThat(advance.stderr()).containsPattern("grid POST /admin/clock/advance -> 200 in \\d+ ms");

            String token = JsonMapper.shared().readTree(Files.readString(workspace.gridHome().resolve("grid.json")))
                    .path("token").asString();
            assertNoSecret(texts, identity, mnemonic, token);
        }
    }

    /** None of the secrets behind what was printed appears in it, in any usual encoding. */
    private static void assertNoSecret(List<String> texts, Identity identity, Mnemonic mnemonic, String token) {
        List<String> secrets = new ArrayList<>();
        secrets.add(token);
        for (String backend : List.of("data-00", "data-01", "data-02", "data-03", "data-04", "data-05", "meta-0", "meta-1",
                "meta-2", "meta-3")) {
            secrets.add(identity.namespacePassword(QuickstartSpec.CLUSTER, backend));
        }
        for (byte[] key : List.of(identity.dataKey(QuickstartSpec.CLUSTER), identity.metadataKey(QuickstartSpec.CLUSTER),
                identity.stateKey(QuickstartSpec.CLUSTER))) {
            secrets.add(HexFormat.of().formatHex(key));
            secrets.add(Base64.getEncoder().encodeToString(key));
        }
        // the mnemonic, as the identity file test checks it: no two of its words side by side
        List<String> words = mnemonic.words();
        for (int i = 0; i + 1 < words.size(); i++) {
            secrets.add(words.get(i) + " " + words.get(i + 1));
        }
        // an ed25519 signature is 64 bytes: 128 hex digits, or 86 and more base64 characters
        Pattern signatureLike = Pattern.compile("[0-9a-fA-F]{128}|[A-Za-z0-9+/]{86,}");
        for (String text : texts) {
            assertThat(text).doesNotContain(secrets.toArray(String[]::new));
            assertThat(signatureLike.matcher(text).find()).as("a signature-like string in:%n%s", text).isFalse();
        }
    }
}
