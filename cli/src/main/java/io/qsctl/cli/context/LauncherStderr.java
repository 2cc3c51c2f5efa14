package io.qsctl.cli.context;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real standard error, when the launcher hands it over on a descriptor of its own.
 *
 * <p>For the data-path commands the JVM runs with the incubating Vector API, and prints
 * {@code WARNING: Using incubator modules: jdk.incubator.vector} on its standard error while it
 * boots, before any of qsctl runs; no JVM option silences it. So {@code ./qsctl} passes the real
 * standard error as descriptor 3 ({@code -Dqsctl.stderr.fd=3}) and sends descriptor 2 through a
 * filter that drops exactly that line. qsctl's own {@code System.err} is switched to descriptor 3
 * here, as the first thing the process does: its progress lines ({@code \r}) and prompts (no
 * newline) then reach the terminal at once, never held back by the filter's line buffering, and
 * what the JVM itself prints later (its warnings, a crash report) still reaches the user through
 * the filter.
 *
 * <p>Building a {@link FileDescriptor} for a number takes reflection on {@code java.io}, which the
 * launcher opens ({@code --add-opens java.base/java.io=ALL-UNNAMED}). Without it, or without that
 * descriptor, nothing changes: standard error stays descriptor 2.
 */
public final class LauncherStderr {

    public static final String PROPERTY = "qsctl.stderr.fd";

    private LauncherStderr() {
    }

    public static void adopt() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return;
        }
        // Only this process got that descriptor: anything started from here must not look for it.
        System.clearProperty(PROPERTY);
        if (!value.matches("[0-9]{1,4}") || !Files.exists(Path.of("/proc/self/fd", value))) {
            return;
        }
        try {
            FileDescriptor descriptor = new FileDescriptor();
            Field fd = FileDescriptor.class.getDeclaredField("fd");
            fd.setAccessible(true);
            fd.setInt(descriptor, Integer.parseInt(value));
            // As the JVM makes System.err: a small buffer, flushed at every line and every write call.
            System.setErr(new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor), 128), true,
                    charset()));
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            // java.io not opened to us (a launcher without --add-opens): keep descriptor 2, which
            // still reaches the user, through the filter.
        }
    }

    private static Charset charset() {
        String name = System.getProperty("sun.stderr.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }
}
