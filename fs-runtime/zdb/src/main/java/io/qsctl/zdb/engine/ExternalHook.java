package io.qsctl.zdb.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs 0-db's {@code --hook} executable: directly, without a shell, as
 * {@code hook <name> <instance-id> <arguments...>}, inheriting our environment and output streams.
 * Blocking events wait for the hook; the others run in the background. Recent runs are kept for
 * the HOOKS command for {@link #EXPIRE_SECONDS} after they end.
 */
public final class ExternalHook {

    public static final long EXPIRE_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(ExternalHook.class);

    private final Path executable;
    private final String instanceId;
    private final Clock clock;
    private final ConcurrentLinkedDeque<Tracked> runs = new ConcurrentLinkedDeque<>();

    /** A started hook; {@code finished} is set from the process's exit callback. */
    private static final class Tracked {
        final String type;
        final List<String> arguments;
        final Process process;
        final long started;
        volatile long finished;

        Tracked(String type, List<String> arguments, Process process, long started) {
            this.type = type;
            this.arguments = arguments;
            this.process = process;
            this.started = started;
        }
    }

    public ExternalHook(Path executable, String instanceId, Clock clock) {
        this.executable = executable;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** Runs the hook for an event; for blocking events returns whether it exited 0. */
    boolean run(EngineEvent event) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add(event.hookName());
        command.add(instanceId);
        command.addAll(event.arguments());
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            LOG.warn("hook {} could not start for {}: {}", executable, event.hookName(), e.getMessage());
            return false;
        }
        Tracked tracked = new Tracked(event.hookName(), event.arguments(), process, clock.instant().getEpochSecond());
        runs.add(tracked);
        process.onExit().thenRun(() -> tracked.finished = Math.max(tracked.started, clock.instant().getEpochSecond()));
        if (!event.blocking()) {
            return true;
        }
        try {
            int status = process.waitFor();
            LOG.debug("hook {} {} exited {}", executable, event.hookName(), status);
            return status == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return false;
        }
    }

    /** Runs that are still going or ended less than {@link #EXPIRE_SECONDS} ago, oldest first. */
    public List<HookRun> recent() {
        long now = clock.instant().getEpochSecond();
        List<HookRun> out = new ArrayList<>();
        for (Iterator<Tracked> it = runs.iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (t.process.isAlive() || t.finished == 0) {
                out.add(new HookRun(t.type, t.arguments, t.process.pid(), t.started, 0, -1));
            } else if (now - t.finished > EXPIRE_SECONDS) {
                it.remove();
            } else {
                out.add(new HookRun(t.type, t.arguments, t.process.pid(), t.started, t.finished, t.process.exitValue()));
            }
        }
        return out;
    }
}
