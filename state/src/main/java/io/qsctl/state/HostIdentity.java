package io.qsctl.state;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's user and host names, for lock records. */
final class HostIdentity {

    private static final String HOST = findHost();

    private HostIdentity() {
    }

    static String host() {
        return HOST;
    }

    static String who() {
        return System.getProperty("user.name", "unknown") + "@" + HOST;
    }

    /** Cheapest first: Linux's kernel name, the shell's variable, then a resolver call that may be slow. */
    private static String findHost() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux; try the next source.
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
