package org.biasflow.launcher;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Files still being written when the program stops. A command that does not watch the framework, such as bf:data
 * writing a data set of hundreds of MB, goes on writing while the framework stops, and the JVM ends it when the
 * shutdown hooks are done, leaving its temporary file behind. Interrupted, such a write stops and removes its
 * temporary file (biasflow's {@code DataFiles}); a run's record, short, is finished. The program waits for that.
 *
 * <p>The writers are found by their stacks: the launcher cannot link to a bundle's classes, and a command's thread
 * belongs to Gogo.
 */
final class UnfinishedWrites {
    /** How long the stopping program waits for a file being written. */
    private static final long GRACE_MILLIS = 3_000;
    /** Where every file of biasflow is written, through a temporary file renamed over the target. */
    private static final String WRITER = "org.biasflow.data.AtomicFiles";

    private UnfinishedWrites() {
    }

    /**
     * Interrupts each thread writing a file, once, and waits, at most {@value #GRACE_MILLIS} ms, until none is. A write
     * that starts while the program waits, such as one a cleanup starts, is interrupted too.
     */
    static void stop() {
        stop(WRITER);
    }

    /** {@link #stop()} for the writes that go through the class named {@code writer}. */
    static void stop(String writer) {
        long deadline = System.currentTimeMillis() + GRACE_MILLIS;
        Set<Thread> interrupted = new HashSet<>();
        while (true) {
            boolean writing = false;
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                if (thread.getKey() != Thread.currentThread() && writes(thread.getValue(), writer)) {
                    writing = true;
                    if (interrupted.add(thread.getKey())) {
                        thread.getKey().interrupt();
                    }
                }
            }
            if (!writing || System.currentTimeMillis() > deadline) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean writes(StackTraceElement[] stack, String writer) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(writer)) {
                return true;
            }
        }
        return false;
    }
}
