package io.qsctl.zdb.engine;

import java.util.List;

/**
 * One execution of the external hook, as the HOOKS command lists it.
 *
 * @param finished unix time the hook ended, 0 while it runs
 * @param exitStatus its exit status, or -1 while it runs
 */
public record HookRun(String type, List<String> arguments, long pid, long started, long finished, int exitStatus) {
    public HookRun {
        arguments = List.copyOf(arguments);
    }
}
