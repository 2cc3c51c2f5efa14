package io.qsctl.cli.cluster;

import io.qsctl.cli.output.Style;
import io.qsctl.provider.Tft;
import io.qsctl.provider.TwinId;
import io.qsctl.reconciler.api.Action;
import io.qsctl.reconciler.api.Drift;
import io.qsctl.reconciler.api.Plan;
import io.qsctl.reconciler.api.PlanMode;
import io.qsctl.reconciler.api.ReplaceBackend;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Prints a plan for people, the way Terraform does: drift first and apart, then the actions with
 * their symbols ({@code +} create, {@code ~} grow, {@code +/-} replace, {@code -} delete) in
 * colour, each new backend's monthly price, notes, and the summary line with the cost change.
 */
public final class PlanPrinter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private PlanPrinter() {
    }

    public static void print(Plan plan, Style style, PrintWriter out) {
        print(plan, style, out, Optional.empty());
    }

    /** As {@link #print(Plan, Style, PrintWriter)}, with under each drift the command that fixes it. */
    public static void print(Plan plan, Style style, PrintWriter out, Optional<Remedies> remedies) {
        if (plan.hasDrift()) {
            out.println(style.bold(Plan.DRIFT_HEADING + ":"));
            printDrift(plan.drift(), plan.twin(), style, out, remedies);
            out.println();
        }
        if (plan.hasChanges()) {
            out.println("qsctl will perform these actions on cluster " + style.bold(plan.cluster()) + " (network "
                    + plan.network() + "):");
            out.println();
            List<Action> asked = plan.actions().stream().filter(PlanPrinter::asked).toList();
            List<Action> brought = plan.actions().stream().filter(a -> !asked(a)).toList();
            if (asked.isEmpty() || brought.isEmpty()) {
                printActions(plan.actions(), plan, style, out);
            } else {
                // `replace backend X` (or --replace X) applies the whole spec: what it brings along
                // is shown apart, so nobody approves it thinking only X is replaced.
                out.println("  Asked for:");
                printActions(asked, plan, style, out);
                out.println("  Also in this plan, from the spec (the cluster does not match it yet):");
                printActions(brought, plan, style, out);
            }
        }
        for (String note : plan.notes()) {
            out.println("Note: " + note);
        }
        if (plan.mode() == PlanMode.REFRESH_ONLY && plan.hasDrift()) {
            long replaced = plan.drift().stream().filter(d -> d.kind().replacedByApply()).map(Drift::backend).distinct()
                    .count();
            out.println(style.bold("Refresh only: " + plan.drift().size() + " change(s) outside qsctl, nothing planned."
                    + (replaced > 0 ? " apply would replace " + replaced + " lost backend(s)"
                    + remedies.map(r -> ": " + r.apply()).orElse("") + "." : "")));
        } else {
            out.println(style.bold(plan.summary().line()));
        }
        if (plan.hasChanges()) {
            out.println(style.dim("Prices quoted until " + TIME.format(plan.quote().expires()) + "."));
        }
        out.flush();
    }

    private static void printActions(List<Action> actions, Plan plan, Style style, PrintWriter out) {
        for (Action action : actions) {
            String line = "  " + colour(action, style) + describeWithoutSymbol(action);
            Optional<Tft> monthly = plan.quote().monthlyFor(action.backend());
            if (monthly.isPresent() && !action.symbol().equals("-")) {
                line += style.dim("   " + monthly.get() + "/month");
            }
            out.println(line);
        }
        out.println();
    }

    /** A replacement the command line asked for ({@code replace backend NAME}, {@code --replace NAME}). */
    private static boolean asked(Action action) {
        return action instanceof ReplaceBackend r && r.reason() == ReplaceBackend.Reason.REQUESTED;
    }

    /** One line per drift, {@code ! backend: message}, and under it what to run when something can be run. */
    public static void printDrift(List<Drift> drift, Optional<TwinId> twin, Style style, PrintWriter out,
                                  Optional<Remedies> remedies) {
        for (Drift d : drift) {
            out.println("  " + style.yellow("!") + " " + d.backend() + ": " + d.message());
            remedies.flatMap(r -> r.forDrift(d, twin)).ifPresent(fix -> out.println("      fix: " + fix));
        }
    }

    private static String colour(Action action, Style style) {
        String symbol = action.symbol();
        return switch (symbol) {
            case "+" -> style.green(symbol);
            case "-" -> style.red(symbol);
            case "~" -> style.yellow(symbol);
            default -> style.yellow(symbol);
        };
    }

    /** The action's own line carries its symbol; the printer colours it separately. */
    private static String describeWithoutSymbol(Action action) {
        String text = action.describe();
        String symbol = action.symbol();
        return text.startsWith(symbol) ? text.substring(symbol.length()) : " " + text;
    }
}
