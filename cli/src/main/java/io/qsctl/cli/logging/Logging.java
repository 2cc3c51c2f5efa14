package io.qsctl.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Configures logging once per process, from the command line: human lines on stderr by default,
 * JSON lines with {@code QSCTL_LOG_FORMAT=json}. stdout is never used, because it carries command
 * output that scripts parse.
 */
public final class Logging {

    private Logging() {
    }

    /** The log format chosen by the environment. */
    public enum Format {
        TEXT, JSON;

        public static Format fromEnv(Map<String, String> env) {
            String value = env.getOrDefault("QSCTL_LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
            return value.equals("json") ? JSON : TEXT;
        }
    }

    /**
     * The level for a verbosity: -q gives errors only; none gives warnings; -v info; -vv debug;
     * -vvv trace. {@code QSCTL_LOG} (trace|debug|info|warn|error|off) wins over the flags.
     */
    public static Level level(int verbosity, boolean quiet, Map<String, String> env) {
        String fromEnv = env.get("QSCTL_LOG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Level.toLevel(fromEnv.trim(), Level.WARN);
        }
        if (quiet) {
            return Level.ERROR;
        }
        return switch (Math.min(verbosity, 3)) {
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            case 2 -> Level.DEBUG;
            default -> Level.TRACE;
        };
    }

    public static void configure(Level level, Format format) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(context, format));
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(stderr);
    }

    /**
     * Like {@link #configure}, but appending to a file instead of stderr: {@code qsctl zdb --logfile}.
     * Returns false when the file cannot be opened (logging then stays where it was).
     */
    public static boolean configureFile(Level level, Format format, Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder(context, format));
        appender.start();
        if (!appender.isStarted()) {
            return false;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(level);
        root.addAppender(appender);
        return true;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, Format format) {
        if (format == Format.JSON) {
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            JsonLineLayout layout = new JsonLineLayout();
            layout.setContext(context);
            layout.start();
            encoder.setLayout(layout);
            encoder.setContext(context);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        encoder.start();
        return encoder;
    }
}
