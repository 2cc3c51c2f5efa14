package io.qsctl.cli.grid;

import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.provider.local.GridLimits;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Amounts and balances for {@code grid fund} and {@code grid drain}. */
public final class Balances {

    private Balances() {
    }

    /** A positive amount of TFT within the grid's limit for one transfer, or a usage error. */
    public static Tft amount(CommandSpec spec, String text) {
        Tft value;
        try {
            value = Tft.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "'" + text + "' is not an amount of TFT (at most 7 decimals)");
        }
        GridLimits.transfer("the amount", value).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), problem);
        });
        return value;
    }

    public static TwinId twin(CommandSpec spec, long id) {
        if (id <= 0) {
            throw new ParameterException(spec.commandLine(), "a twin id is a positive number");
        }
        return new TwinId(id);
    }

    public static void print(PrintWriter out, OutputFormat format, TwinId twin, Tft free) {
        if (format == OutputFormat.TEXT) {
            out.println("twin " + twin + ": " + free + " free");
            out.flush();
            return;
        }
        ObjectNode doc = JsonMapper.shared().createObjectNode();
        doc.put("twinId", twin.value());
        doc.put("free", free.toPlainString());
        Documents.print(out, format, doc);
    }
}
