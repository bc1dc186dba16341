package org.biasflow.launcher;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The drop-in watcher's (Felix FileInstall's) log, which it is told to write through java.util.logging: one line
 * each on stderr, for what it could not install or start after start-up (before, the launcher examines the
 * drop-in folder itself and names what it leaves out).
 */
final class FileInstallLog extends Handler {
    /** The java.util.logging logger FileInstall writes to with {@code felix.fileinstall.log.default=jul}. */
    static final String LOGGER = "fileinstall";
    private static final Logger FILEINSTALL = Logger.getLogger(LOGGER);

    private final Diagnostics diagnostics;
    private volatile boolean started;

    private FileInstallLog(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Puts a handler in place of the console's for this launch. */
    static FileInstallLog install(Diagnostics diagnostics) {
        FileInstallLog handler = new FileInstallLog(diagnostics);
        for (Handler old : FILEINSTALL.getHandlers()) {
            if (old instanceof FileInstallLog) {
                FILEINSTALL.removeHandler(old);
            }
        }
        FILEINSTALL.setUseParentHandlers(false);
        FILEINSTALL.setLevel(diagnostics.debug ? Level.FINE : Level.WARNING);
        FILEINSTALL.addHandler(handler);
        return handler;
    }

    void started() {
        started = true;
    }

    @Override
    public void publish(LogRecord record) {
        if (!started && !diagnostics.debug || record.getLevel().intValue() < FILEINSTALL.getLevel().intValue()) {
            return;
        }
        Throwable thrown = record.getThrown();
        diagnostics.note("drop-in folder: " + record.getMessage()
                + (thrown == null ? "" : ": " + (thrown instanceof org.osgi.framework.BundleException bundle
                        ? DropIns.simplify(bundle) : Diagnostics.describe(thrown))));
        if (thrown != null) {
            diagnostics.trace(thrown);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        FILEINSTALL.removeHandler(this);
    }
}
