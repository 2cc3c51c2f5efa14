package io.qsctl.reconciler.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How an apply waits and what it tells the user.
 *
 * @param deployTimeout how long to wait for a node to deploy a reserved namespace before stopping
 *     (the contract is kept; resume looks again)
 * @param pollInitial first wait between looks at a namespace; doubles up to {@code pollMax}
 * @param progressEvery how often to report "Still creating..." while waiting
 * @param avoidFor how long planning passes over a node that refused or did not answer
 * @param resumeCommand the command that resumes, quoted in failure messages (the CLI knows the spec file's name)
 */
public record ApplyOptions(Duration deployTimeout, Duration pollInitial, Duration pollMax, Duration progressEvery,
                           Duration avoidFor, String resumeCommand) {

    public static final String DEFAULT_RESUME_COMMAND = "qsctl apply -f storage.yaml --resume";

    public ApplyOptions {
        Objects.requireNonNull(deployTimeout, "deployTimeout");
        Objects.requireNonNull(pollInitial, "pollInitial");
        Objects.requireNonNull(pollMax, "pollMax");
        Objects.requireNonNull(progressEvery, "progressEvery");
        Objects.requireNonNull(avoidFor, "avoidFor");
        Objects.requireNonNull(resumeCommand, "resumeCommand");
    }

    public static ApplyOptions defaults() {
        return new ApplyOptions(Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofHours(1), DEFAULT_RESUME_COMMAND);
    }

    public ApplyOptions withResumeCommand(String command) {
        return new ApplyOptions(deployTimeout, pollInitial, pollMax, progressEvery, avoidFor, command);
    }

    public ApplyOptions withDeployTimeout(Duration timeout, Duration poll) {
        return new ApplyOptions(timeout, poll, poll, progressEvery, avoidFor, resumeCommand);
    }
}
