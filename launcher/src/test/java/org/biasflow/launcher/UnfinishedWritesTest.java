package org.biasflow.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class UnfinishedWritesTest {

    /** Stands for biasflow's AtomicFiles: a write that stops when its thread is interrupted. */
    static final class SlowWriter {
        private SlowWriter() {
        }

        /** Writes until interrupted, then runs {@code cleanup}, as a write removes its temporary file. */
        static boolean write(CountDownLatch started, Runnable cleanup) {
            started.countDown();
            try {
                Thread.sleep(60_000);
                return false;
            } catch (InterruptedException e) {
                cleanup.run();
                return true;
            }
        }
    }

    /**
     * A write that starts while the program waits for the others (here one that the first write's cleanup starts) is
     * interrupted as well, and the program does not wait out its grace for it.
     */
    @Test
    void aWriteThatStartsWhileTheProgramWaitsIsInterruptedToo() throws InterruptedException {
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicBoolean laterStopped = new AtomicBoolean();
        AtomicReference<Thread> later = new AtomicReference<>();
        Thread first = new Thread(() -> SlowWriter.write(firstStarted, () -> {
            Thread second = new Thread(() -> laterStopped.set(SlowWriter.write(new CountDownLatch(1), () -> { })));
            second.setDaemon(true);
            later.set(second);
            second.start();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "first write");
        first.setDaemon(true);
        first.start();
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        UnfinishedWrites.stop(SlowWriter.class.getName());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        first.join(10_000);
        later.get().join(10_000);
        assertFalse(first.isAlive());
        assertTrue(laterStopped.get(), "the write started after the first look was interrupted");
        assertTrue(millis < 2_500, "stopped in " + millis + " ms, not after the grace of 3 s");
    }

    /** With nothing being written the program stops at once. */
    @Test
    void withNothingWrittenTheProgramDoesNotWait() {
        long start = System.nanoTime();
        UnfinishedWrites.stop(SlowWriter.class.getName());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000);
    }
}
