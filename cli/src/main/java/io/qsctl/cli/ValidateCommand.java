package io.qsctl.cli;

import io.qsctl.cli.cluster.SpecSupport;
import io.qsctl.cli.context.CliContext;
import io.qsctl.cli.output.Documents;
import io.qsctl.cli.output.OutputFormat;
import io.qsctl.cli.output.Style;
import io.qsctl.common.QsctlException;
import io.qsctl.spec.ClusterSpec;
import io.qsctl.spec.Position;
import io.qsctl.spec.SpecLoader;
import io.qsctl.spec.SpecProblem;
import io.qsctl.spec.SpecSource;
import io.qsctl.spec.SpecWriter;
import io.qsctl.spec.StorageCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks spec files without touching any grid. */
@Command(name = "validate",
        header = "Check storage.yaml files: syntax, schema and the rules between fields.",
        description = {
            "Every problem is reported as FILE:LINE:COLUMN: field: message. Nothing is contacted or changed. "
                    + "With -o json or -o yaml the result and the effective spec (every default filled in) go to "
                    + "stdout.",
            "",
            "A valid spec may still ask for what this version cannot apply yet (a network other than local, "
                    + "signing: connect) or set fields it does not act on yet (mount, funding, notify): each is "
                    + "reported as FILE:LINE:COLUMN: warning: field: message, and the file stays valid."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "1:a file has problems or cannot be read", "64:usage error"})
final class ValidateCommand extends QsctlSubcommand {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ValidateCommand.class);

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "A spec file; '-' reads standard input. Repeat for several files.")
    List<String> files;

    @Override
    public Integer call() {
        CliContext context = context();
        OutputFormat format = global().output();
        Style style = style();
        PrintWriter out = out();
        PrintWriter err = err();
        ObjectNode report = JsonMapper.shared().createObjectNode();
        ArrayNode reported = report.putArray("files");
        boolean allValid = true;
        for (String file : files) {
            ObjectNode entry = reported.addObject();
            String name = file.equals("-") ? "<stdin>" : file;
            entry.put("file", name);
            SpecLoader.Result result;
            try {
                SpecSource source = file.equals("-") ? SpecSource.read(name, context.stdin()) : SpecSource.read(Path.of(file));
                long started = System.nanoTime();
                result = SpecLoader.check(source);
                LOG.debug("checked {} ({} bytes) in {} ms: {} problems", name, source.bytes().length,
                        (System.nanoTime() - started) / 1_000_000, result.problems().size());
            } catch (QsctlException unreadable) {
                // One shape for every file: an unreadable one is invalid with one problem that has no position.
                allValid = false;
                entry.put("valid", false);
                ObjectNode problem = entry.putArray("problems").addObject();
                problem.put("file", name);
                problem.putNull("line");
                problem.putNull("column");
                problem.putNull("path");
                problem.put("message", unreadable.getMessage());
                entry.putArray("warnings");
                if (format == OutputFormat.TEXT) {
                    err.println(style.red("error:") + " " + unreadable.getMessage());
                }
                continue;
            }
            entry.put("valid", result.valid());
            putAll(entry.putArray("problems"), result.problems());
            List<SpecProblem> warnings = warnings(name, result);
            putAll(entry.putArray("warnings"), warnings);
            result.cluster().ifPresent(cluster -> entry.set("spec", SpecWriter.toTree(cluster)));
            allValid &= result.valid();
            if (format == OutputFormat.TEXT) {
                printText(out, err, style, name, result);
                for (SpecProblem warning : warnings) {
                    err.println(style.bold(warning.file() + ":" + warning.position().line() + ":"
                            + warning.position().column() + ":") + " " + style.yellow("warning:") + " " + warning.path()
                            + ": " + warning.message());
                }
            }
        }
        report.put("valid", allValid);
        if (format != OutputFormat.TEXT) {
            Documents.print(out, format, report);
        }
        out.flush();
        err.flush();
        return allValid ? 0 : 1;
    }

    /** Problems and warnings have one shape: file, line, column, path, message. */
    private static void putAll(ArrayNode into, List<SpecProblem> found) {
        for (SpecProblem problem : found) {
            ObjectNode p = into.addObject();
            p.put("file", problem.file());
            p.put("line", problem.position().line());
            p.put("column", problem.position().column());
            p.put("path", problem.path());
            p.put("message", problem.message());
        }
    }

    /**
     * What a cluster command would refuse in a valid spec, and the fields it writes that nothing
     * acts on yet, each at its field ({@link SpecSupport}); none for an invalid spec.
     */
    private static List<SpecProblem> warnings(String name, SpecLoader.Result result) {
        if (result.cluster().isEmpty()) {
            return List.of();
        }
        List<SpecProblem> warnings = new ArrayList<>();
        for (SpecSupport.Refusal refusal : SpecSupport.refusals(result.cluster().get().spec())) {
            warnings.add(warning(name, result, refusal.field(), "cannot be applied yet: " + refusal.reason()));
        }
        for (SpecSupport.NotActedOn field : SpecSupport.notActedOn(result.written().keySet())) {
            warnings.add(warning(name, result, field.field(), "not acted on yet: " + field.reason()));
        }
        warnings.sort(SpecProblem.BY_POSITION);
        return warnings;
    }

    private static SpecProblem warning(String name, SpecLoader.Result result, String field, String message) {
        // a refused value is always written (the defaults are what qsctl can do); START only in theory
        return new SpecProblem(name, result.written().getOrDefault(field, Position.START), "spec." + field, message);
    }

    private static void printText(PrintWriter out, PrintWriter err, Style style, String name, SpecLoader.Result result) {
        if (result.valid()) {
            StorageCluster cluster = result.cluster().orElseThrow();
            ClusterSpec s = cluster.spec();
            out.println(name + ": " + style.green("valid") + ": StorageCluster " + cluster.name() + " on network "
                    + s.network().id() + ", " + s.capacity() + " usable, " + s.nodes().count() + " data backends ("
                    + s.redundancy().dataShards() + "+" + s.redundancy().parityShards() + " shards), "
                    + s.metadata().backends() + " metadata backends");
            return;
        }
        for (SpecProblem problem : result.problems()) {
            err.println(style.bold(problem.file() + ":" + problem.position().line() + ":" + problem.position().column() + ":")
                    + " " + style.yellow(problem.path() + ":") + " " + problem.message());
        }
        int count = result.problems().size();
        err.println(name + ": " + style.red(count + (count == 1 ? " problem" : " problems")));
    }
}
