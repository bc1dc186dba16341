package org.biasflow.run.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * A call into services (a model's create(), an integrator's flow) on a thread of its own, while the caller's thread
 * watches for a request to stop. A drop-in's endless loop cannot be stopped in Java, so a call that has not returned
 * some time after its run was cancelled is left to itself and the caller goes on. The thread is a daemon's, which
 * does not keep the program from exiting.
 */
final class Watched<T> {
    /** How often the caller looks whether the run was asked to stop, while the call goes on. */
    private static final long POLL_MILLIS = 100;

    /**
     * How long a call has to return once its run was cancelled: less than the framework's stop waits for runs, so
     * that a run stuck in a service still leaves its record at Ctrl-C.
     */
    static final long GRACE_MILLIS = 10_000;

    private final FutureTask<T> task;
    private final Thread worker;

    Watched(String name, Callable<T> call) {
        task = new FutureTask<>(call);
        worker = new Thread(task, name + " of " + Thread.currentThread().getName());
        worker.setDaemon(true);
        worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        worker.start();
    }

    /**
     * The call's result, or null when {@code run} was cancelled and the call had not returned {@code graceMillis}
     * later. An interrupt of the caller cancels the run, and is kept for the caller.
     *
     * @param stopRequested asked at every poll; it cancels {@code run} when it finds a reason to stop
     * @throws ExecutionException with what the call threw
     */
    T await(ActiveRun run, long graceMillis, BooleanSupplier stopRequested) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.cancel("cancelled: the command was interrupted");
                } catch (TimeoutException e) {
                    stopRequested.getAsBoolean();
                }
                if (run.reason() != null && run.nanosSinceCancel() > TimeUnit.MILLISECONDS.toNanos(graceMillis)) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The thread the call runs on, to say where a call left running is. */
    Thread worker() {
        return worker;
    }

    /**
     * What {@code call} returns, called on a thread of its own: a call that has not returned {@code graceMillis}
     * after {@code run} was cancelled is left, so that a run or sweep that has written nothing yet still ends.
     *
     * @param what what the call does, for the message: "create() of model 'm' of bundle b 1.0.0"
     * @param stopRequested asked while the call runs; it cancels {@code run} when it finds a reason to stop
     * @param bundles to name the bundle the call is stuck in; null when there is no framework
     * @throws CancellationException when the call was left
     */
    static <T> T call(String what, Callable<T> call, ActiveRun run, long graceMillis, BooleanSupplier stopRequested,
            BundleContext bundles) {
        Watched<T> watched = new Watched<>("biasflow " + what, call);
        T result;
        try {
            result = watched.await(run, graceMillis, stopRequested);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
        if (result == null) {
            throw new CancellationException(run.reason() + "; " + what + " did not return within "
                    + graceMillis / 1000 + " s: it is " + where(watched.worker(), bundles)
                    + ", and is left running; nothing was written");
        }
        return result;
    }

    /** "in org.example.Loss.evaluate (bundle org.example 1.0.0)": the innermost method of a thread outside the JDK. */
    static String where(Thread thread, BundleContext bundles) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            String name = frame.getClassName();
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                String bundle = bundleOf(name, bundles);
                return "in " + name + "." + frame.getMethodName() + (bundle == null ? "" : " (bundle " + bundle + ")");
            }
        }
        return "in the JDK";
    }

    /** The symbolic name and version of the bundle that holds a class, or null. */
    private static String bundleOf(String className, BundleContext bundles) {
        if (bundles == null) {
            return null;
        }
        String entry = className.replace('.', '/') + ".class";
        try {
            for (Bundle bundle : bundles.getBundles()) {
                if (bundle.getBundleId() != 0 && bundle.getEntry(entry) != null) {
                    return bundle.getSymbolicName() + " " + bundle.getVersion();
                }
            }
        } catch (IllegalStateException e) {
            // the bundle asking stopped meanwhile: the class's name is all there is to say
        }
        return null;
    }
}
