package org.biasflow.launcher;

import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Felix's log, which would print on stdout (mixed into command output) with whole stack traces: errors go to stderr
 * as one line each instead. While the framework starts they are held back unless {@code --debug}, since the
 * launcher reports what failed to start itself (and rebuilds a damaged bundle cache before saying anything).
 */
final class FelixLog extends Logger {
    private final Diagnostics diagnostics;
    private volatile boolean started;

    private FelixLog(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        setLogLevel(diagnostics.debug ? LOG_WARNING : LOG_ERROR);
    }

    /** A logger for the {@code felix.log.logger} framework property. */
    static Object create(Diagnostics diagnostics) {
        return new FelixLog(diagnostics);
    }

    /** From now on errors are reported (only called with a logger made by {@link #create}). */
    static void started(Object log) {
        ((FelixLog) log).started = true;
    }

    @Override
    protected void _log(Bundle bundle, ServiceReference sr, int level, String message, Throwable throwable) {
        if (level > getLogLevel() || !started && !diagnostics.debug) {
            return;
        }
        String where = bundle == null || bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName() + ": ";
        diagnostics.note("framework " + (level == LOG_ERROR ? "error: " : "warning: ") + where + message
                + (throwable == null ? "" : ": " + Diagnostics.describe(throwable)));
        if (throwable != null) {
            diagnostics.trace(throwable);
        }
    }

    /** What Felix logs without a bundle (the bundle cache, the resolver). */
    @Override
    protected void doLog(int level, String message, Throwable throwable) {
        _log(null, null, level, message, throwable);
    }
}
