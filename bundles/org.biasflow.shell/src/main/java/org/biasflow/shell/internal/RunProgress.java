package org.biasflow.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.biasflow.api.Checkpoint;
import org.biasflow.api.RunControl;
import org.biasflow.api.TargetLoss;

/**
 * What a long {@code bf:run} shows while it works. On a terminal, one line rewritten in place at most four times a
 * second: the log10 loss reached, the rate in decades of loss per second, the checkpoints reached and the time left.
 * Without a terminal (logs, pipes), one line per checkpoint, at most two a second (the last checkpoint always).
 * Nothing for the first second, so short runs print only their summary.
 *
 * <p>The time left assumes the work per unit of ln(1 + log10(1/ε)) stays what it has been, which is how the flow's
 * cost grows with the target loss (docs/benchmarks.md).
 */
final class RunProgress implements RunControl {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long LINE_NANOS = 500_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final double finalTarget;
    private final int targets;
    private final long start;
    private int reached;
    private long lastDraw;
    private double lastLog10 = 0;
    private long lastLog10At;
    private double rate = Double.NaN;
    private int drawnWidth;

    RunProgress(PrintStream out, boolean terminal, List<TargetLoss> targets, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.targets = targets.size();
        this.finalTarget = targets.stream().mapToDouble(TargetLoss::log10).min().orElse(-1);
        this.start = clock.getAsLong();
        this.lastLog10At = start;
        this.lastDraw = start - 1_000_000_000_000L;
    }

    static RunProgress toStandardOutput(List<TargetLoss> targets) {
        return new RunProgress(System.out, System.console() != null, targets, System::nanoTime);
    }

    @Override
    public void checkpoint(Checkpoint checkpoint) {
        reached++;
        long now = clock.getAsLong();
        measure(checkpoint.log10Loss(), now);
        if (!terminal && now - start >= QUIET_NANOS && (now - lastDraw >= LINE_NANOS || reached == targets)) {
            lastDraw = now;
            out.println(String.format(Locale.ROOT, "run: checkpoint %d/%d, target %s, log10 loss %s, %s",
                    reached, targets, checkpoint.target().text(), decimal(checkpoint.log10Loss()), times(now,
                            checkpoint.log10Loss())));
            out.flush();
        }
    }

    @Override
    public void progress(double log10Loss) {
        long now = clock.getAsLong();
        measure(log10Loss, now);
        if (!terminal || now - start < QUIET_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = String.format(Locale.ROOT, "run: log10 loss %s of %s, %s, %d/%d checkpoints, %s",
                decimal(log10Loss), decimal(finalTarget), Double.isNaN(rate) ? "? decades/s"
                        : decimal(rate) + " decades/s", reached, targets, times(now, log10Loss));
        out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        out.flush();
        drawnWidth = line.length();
    }

    /**
     * Removes the line in place, before the command prints its result. Not after Ctrl-C: the terminal has moved to
     * a new line already, and a console's stream used by an interrupted thread closes (Gogo writes through NIO
     * channels), taking the console's output with it.
     */
    void finish() {
        if (terminal && drawnWidth > 0 && !Thread.currentThread().isInterrupted()) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            out.flush();
            drawnWidth = 0;
        }
    }

    private void measure(double log10Loss, long now) {
        if (now - lastLog10At >= REDRAW_NANOS && log10Loss < lastLog10) {
            double recent = (lastLog10 - log10Loss) / ((now - lastLog10At) / 1e9);
            rate = Double.isNaN(rate) ? recent : 0.5 * rate + 0.5 * recent;
            lastLog10 = log10Loss;
            lastLog10At = now;
        }
    }

    private String times(long now, double log10Loss) {
        double elapsed = (now - start) / 1e9;
        double done = Math.log1p(Math.max(0, -log10Loss));
        double all = Math.log1p(Math.max(0, -finalTarget));
        String left = done <= 0 ? "" : String.format(Locale.ROOT, ", about %.0f s left",
                Math.max(0, elapsed / done * (all - done)));
        return String.format(Locale.ROOT, "%.1f s elapsed%s", elapsed, left);
    }

    private static String decimal(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
