package org.biasflow.launcher;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A Gogo command session driven from outside the framework. The launcher's class space does not contain the
 * Gogo API (it lives in the gogo.runtime bundle), so the two methods needed are reached reflectively through
 * the interface class as the framework loaded it.
 */
public final class GogoSession implements AutoCloseable {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    private static final String JOB = "org.apache.felix.service.command.Job";
    /** Far more than any command uses (a sweep's pool included), far fewer than a user may start. */
    static final int MAX_STATEMENT_THREADS = 2000;
    /** Gogo's Converter.INSPECT: the full rendering the interactive shell prints. */
    private static final int INSPECT = 0;

    private final Object processor;
    private final Method createSession;
    private final Method get;
    private final Method put;
    private final Method execute;
    private final Method format;
    private final Method close;
    private final Method foregroundJob;
    private final Method interrupt;
    private final Method status;
    private final InputStream in;
    private final OutputStream out;
    private final OutputStream err;
    private volatile Streams streams;
    private volatile Object session;

    GogoSession(BundleContext context, InputStream in, OutputStream out, OutputStream err) {
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            throw new IllegalStateException("no Gogo command processor is registered");
        }
        this.in = in;
        this.out = out;
        this.err = err;
        try {
            Class<?> processorType = reference.getBundle().loadClass(PROCESSOR);
            Class<?> sessionType = reference.getBundle().loadClass(SESSION);
            processor = context.getService(reference);
            createSession = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class);
            get = sessionType.getMethod("get", String.class);
            put = sessionType.getMethod("put", String.class, Object.class);
            execute = sessionType.getMethod("execute", CharSequence.class);
            format = sessionType.getMethod("format", Object.class, int.class);
            close = sessionType.getMethod("close");
            foregroundJob = sessionType.getMethod("foregroundJob");
            interrupt = reference.getBundle().loadClass(JOB).getMethod("interrupt");
            status = reference.getBundle().loadClass(JOB).getMethod("status");
            session = open();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot open a Gogo session: " + e, e);
        }
    }

    private Object open() throws ReflectiveOperationException {
        streams = new Streams(in, out, err);
        return createSession.invoke(processor, streams.in, streams.out, streams.err);
    }

    /**
     * Gogo reads and writes a session's streams through NIO channels, and a channel closes itself, and the stream
     * under it, when a thread that has been interrupted uses it: a command cancelled by Ctrl-C that prints one more
     * line would close the launcher's standard output for good (the JDK then points descriptor 1 at /dev/null).
     * The session's streams therefore never close what they wrap; once Gogo has closed one, the session is replaced
     * by a new one that keeps its variables, before the next statement runs.
     */
    private void renewIfWorn() throws ReflectiveOperationException {
        if (!streams.worn()) {
            return;
        }
        Object worn = session;
        Object fresh = open();
        Object names = get.invoke(worn, ".variables");
        if (names instanceof Iterable<?> variables) {
            for (Object name : variables) {
                put.invoke(fresh, name.toString(), get.invoke(worn, name.toString()));
            }
        }
        session = fresh;
        close.invoke(worn);
    }

    /**
     * Runs Gogo source (one command line or a whole script) and returns its value as the shell would print it,
     * or an empty string when it has none.
     *
     * @throws Exception what the command threw
     */
    public String execute(CharSequence source) throws Exception {
        RunawayGuard guard = new RunawayGuard();
        try {
            renewIfWorn();
            Object result = execute.invoke(session, source);
            guard.check();
            return result == null ? "" : format.invoke(session, result, INSPECT).toString();
        } catch (InvocationTargetException e) {
            guard.check();
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            guard.stop();
        }
    }

    /**
     * Gogo runs every call of a function in a thread of its own, so a function that calls itself without end
     * ({@code f = { f }}) would take every thread the user may start (ulimit -u) before failing, minutes later,
     * stalling the user's other programs meanwhile. The guard cancels the statement once it holds
     * {@value #MAX_STATEMENT_THREADS} threads more than when it began.
     */
    private final class RunawayGuard {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final int before = threads.getThreadCount();
        private final Thread watcher;
        private volatile boolean tripped;

        RunawayGuard() {
            watcher = new Thread(this::watch, "biasflow-runaway-guard");
            watcher.setDaemon(true);
            watcher.start();
        }

        private void watch() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    if (threads.getThreadCount() - before > MAX_STATEMENT_THREADS) {
                        tripped = true;
                        interruptForeground();
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                // the statement has ended
            }
        }

        void check() {
            if (tripped) {
                throw new IllegalStateException("cancelled: the statement started more than " + MAX_STATEMENT_THREADS
                        + " threads; Gogo runs each call of a function in a thread of its own, so a function that"
                        + " calls itself without end stops here");
            }
        }

        void stop() {
            watcher.interrupt();
        }
    }

    /**
     * Interrupts the command running in the foreground, as Gogo's own console does on Ctrl-C: its threads are
     * interrupted, which the run engine takes as a request to cancel.
     *
     * @return the interrupted job (for {@link #awaitDone}), or {@code null} when no command was running
     */
    Object interruptForeground() {
        try {
            Object job = foregroundJob.invoke(session);
            if (job != null) {
                interrupt.invoke(job);
            }
            return job;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** Waits, at most {@code millis}, until an interrupted job's threads have ended. */
    void awaitDone(Object job, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (job != null && !"Done".equals(String.valueOf(status.invoke(job)))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } catch (ReflectiveOperationException e) {
            // nothing to wait for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            close.invoke(session);
        } catch (ReflectiveOperationException e) {
            // a session that cannot close holds only memory; the framework is about to stop anyway
        }
    }

    /** A session's streams: closing one (Gogo does when a channel breaks) leaves what it wraps open. */
    private static final class Streams {
        private volatile boolean worn;
        final InputStream in;
        final OutputStream out;
        final OutputStream err;

        Streams(InputStream in, OutputStream out, OutputStream err) {
            this.in = new FilterInputStream(in) {
                @Override
                public void close() {
                    worn = true;
                }
            };
            this.out = unclosable(out);
            this.err = unclosable(err);
        }

        private OutputStream unclosable(OutputStream stream) {
            return new FilterOutputStream(stream) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    worn = true;
                    flush();
                }
            };
        }

        boolean worn() {
            return worn;
        }
    }
}
