package io.qsctl.provider.local;

import io.qsctl.provider.Tft;
import java.time.Duration;
import java.util.Optional;

/**
 * The bounds of what the embedded grid's owner may ask of it. Each check answers the problem in
 * words that name the limit, or nothing: the grid turns it into an {@code INVALID} error, the CLI
 * into a usage error before anything is sent.
 *
 * <p>Why bounds at all: an unbounded clock advance ({@code 100000000d}) billed billions of hours
 * while holding the grid, and an unbounded transfer overflowed a balance. Each limit is far above
 * what a test or a demo needs and far below what would take the grid down.
 */
public final class GridLimits {

    /** One clock advance at most: about ten years, several lifetimes of the largest default wallet. */
    public static final Duration MAX_CLOCK_ADVANCE = Duration.ofDays(3650);
    /** A client advances the clock in steps this long, so that each request is short and progress can be shown. */
    public static final Duration CLOCK_STEP = Duration.ofDays(30);
    /** The grid bills an advance a grid day at a time, letting other requests in between days. */
    static final Duration BILLING_CHUNK = Duration.ofDays(1);
    /** Grid seconds per real second at most: about 11.6 grid days pass every real second. */
    public static final long MAX_TIME_SCALE = 1_000_000;
    /** One transfer ({@code grid fund}, {@code grid drain}) at most, and a new twin's starting funds at most. */
    public static final Tft MAX_TRANSFER = Tft.of(1_000_000);
    /** What one account may hold: well inside a long of 10^-7 TFT units, so no sum can overflow. */
    public static final Tft MAX_BALANCE = Tft.of(100_000_000_000L);
    /** A request body at most (a reservation batch of QR size is a few KiB). */
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** Deployments in one batch, backends in one quote, at most. */
    static final int MAX_BATCH = 256;

    private GridLimits() {
    }

    /** Why {@code by} is no clock advance the grid accepts, if it is not. */
    public static Optional<String> clockAdvance(Duration by) {
        if (by.isNegative()) {
            return Optional.of("the grid clock only goes forward, not by " + by);
        }
        if (by.compareTo(MAX_CLOCK_ADVANCE) > 0) {
            return Optional.of("the grid clock advances at most " + MAX_CLOCK_ADVANCE.toDays() + "d (about ten years) "
                    + "at a time, not " + days(by) + "; advance in several steps if you really mean it");
        }
        return Optional.empty();
    }

    /** Why {@code scale} is no time scale the grid accepts, if it is not. */
    public static Optional<String> timeScale(long scale) {
        if (scale < 1 || scale > MAX_TIME_SCALE) {
            return Optional.of("the time scale is from 1 to " + MAX_TIME_SCALE + " grid seconds per real second, not "
                    + scale);
        }
        return Optional.empty();
    }

    /** Why {@code amount} is no transfer the grid accepts, if it is not ({@code what} names it: "a transfer"). */
    public static Optional<String> transfer(String what, Tft amount) {
        if (amount.units() <= 0) {
            return Optional.of(what + " must be more than 0 TFT, not " + amount);
        }
        if (amount.compareTo(MAX_TRANSFER) > 0) {
            return Optional.of(what + " is at most " + MAX_TRANSFER + ", not " + amount);
        }
        return Optional.empty();
    }

    /** Why {@code funds} are no starting funds for new twins, if they are not (0 makes twins start broke, on purpose). */
    public static Optional<String> startingFunds(Tft funds) {
        if (funds.isNegative() || funds.compareTo(MAX_TRANSFER) > 0) {
            return Optional.of("the starting funds are from 0 to " + MAX_TRANSFER + ", not " + funds);
        }
        return Optional.empty();
    }

    private static String days(Duration d) {
        return d.toDays() > 0 ? d.toDays() + "d" : d.toString();
    }
}
