package io.qsctl.zdb.engine;

import io.qsctl.common.ExitCode;
import io.qsctl.common.QsctlException;

/**
 * A request the engine refuses, with 0-db's exact error text (without the leading '-'), which the
 * server sends back verbatim: clients in the ecosystem match on these strings.
 */
public final class ZdbError extends QsctlException {

    public ZdbError(String zdbMessage) {
        super(ExitCode.ERROR, zdbMessage);
    }

    public static ZdbError worm() {
        return new ZdbError("Namespace is protected by worm mode");
    }

    public static ZdbError noSpace() {
        return new ZdbError("No space left on this namespace");
    }

    /** A SET whose data or index could not be written (0-db's wording; here mostly a full disk). */
    public static ZdbError cannotWrite(boolean index) {
        return new ZdbError(index ? "Cannot write index right now" : "Cannot write data right now");
    }

    /** A DEL whose data or index could not be written (0-db's wording). */
    public static ZdbError cannotDelete(boolean index) {
        return new ZdbError(index ? "Cannot delete key (index)" : "Cannot delete key (data)");
    }

    public static ZdbError frozen() {
        return new ZdbError("Namespace is temporarily frozen (read-write disabled)");
    }

    public static ZdbError locked() {
        return new ZdbError("Namespace is temporarily locked (read-only)");
    }

    public static ZdbError internal() {
        return new ZdbError("Internal Error");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // refusals are ordinary answers; a stack trace per refused request is waste
    }
}
