package io.qsctl.cli;

import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.common.QsctlException;
import io.qsctl.provider.identity.IdentitySource;
import io.qsctl.provider.identity.IdentityStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Shows which identity qsctl would use, without unlocking it. */
@Command(name = "show", description = "Show where your identity comes from and its account public key (never a secret).")
final class IdentityShowCommand extends QsctlSubcommand {

    @Mixin
    IdentityOptions identity;

    @Override
    public Integer call() {
        CliContext context = context();
        IdentityStore store = identity.store(context);
        ObjectNode out = JsonMapper.shared().createObjectNode();
        String source;
        if (context.env().containsKey(IdentitySource.MNEMONIC_VAR)) {
            source = "environment variable " + IdentitySource.MNEMONIC_VAR;
        } else if (context.env().containsKey(IdentitySource.MNEMONIC_FILE_VAR)) {
            source = "file named by " + IdentitySource.MNEMONIC_FILE_VAR + ": " + context.env().get(IdentitySource.MNEMONIC_FILE_VAR);
        } else if (store.exists()) {
            source = "identity file " + store.file();
            out.put("publicKey", store.publicKeyHex());
        } else {
            throw QsctlException.invalidInput("no identity: create one with `qsctl identity create` or import one with "
                    + "`qsctl identity import` (the embedded grid also works without one, in sandbox mode)");
        }
        out.put("source", source);
        out.put("identityFile", store.file().toString());
        PrintWriter stdout = out();
        if (global().output() == OutputFormat.TEXT) {
            stdout.println("identity: " + source);
            if (out.has("publicKey")) {
                stdout.println("account public key: " + out.get("publicKey").asString());
            }
            stdout.flush();
        } else {
            Documents.print(stdout, global().output(), out);
        }
        return 0;
    }
}
