package io.qsctl.cli.object;

import io.qsctl.common.Sizes;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Progress of a long transfer on stderr: on a terminal one line rewritten twice a second,
 * elsewhere (CI logs) a line every ten seconds. Silent with {@code -q}. Counts the bytes that pass
 * through the streams it wraps.
 */
public final class Progress {

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private final String verb;
    private final OptionalLong total;
    private final long started = System.nanoTime();
    private long bytes;
    private long lastPrinted = System.nanoTime();
    private boolean printedOnTerminal;
    private boolean finished;

    public Progress(PrintWriter err, boolean terminal, boolean quiet, String verb, OptionalLong total) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
        this.verb = verb;
        this.total = total;
    }

    public InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }
        };
    }

    public OutputStream wrap(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                advance(1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                advance(length);
            }
        };
    }

    private synchronized void advance(long n) {
        bytes += n;
        long now = System.nanoTime();
        long interval = terminal ? 500_000_000L : 10_000_000_000L;
        if (!quiet && !finished && now - lastPrinted >= interval) {
            lastPrinted = now;
            String line = line(now);
            if (terminal) {
                err.print("\r" + line + "\u001b[K");
                printedOnTerminal = true;
            } else {
                err.println(line);
            }
            err.flush();
        }
    }

    /**
     * Ends the progress line (on a terminal) before the summary, an error or a signal's line is
     * printed; nothing more is printed after it, even if bytes still pass.
     */
    public synchronized void finish() {
        finished = true;
        if (printedOnTerminal) {
            printedOnTerminal = false;
            err.print("\r\u001b[K");
            err.flush();
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        String done = Sizes.human(bytes);
        String of = total.isPresent() ? " of " + Sizes.human(total.getAsLong()) + String.format(Locale.ROOT, " (%d%%)",
                total.getAsLong() == 0 ? 100 : bytes * 100 / total.getAsLong()) : "";
        return verb + " " + done + of + ", " + Sizes.rate(bytes, seconds);
    }
}
