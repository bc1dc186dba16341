package org.biasflow.linalg;

import java.util.stream.IntStream;

/**
 * A range of rows or columns split into contiguous pieces run on the common pool. Every kernel here splits only
 * work whose each output entry is computed whole inside one piece, so results do not depend on the split.
 */
final class Pieces {
    static final int CORES = Runtime.getRuntime().availableProcessors();

    private Pieces() {
    }

    interface Range {
        void run(int from, int to);
    }

    /** Runs body over [from, to) in {@code pieces} pieces, or in one piece on this thread when that is 1. */
    static void split(int from, int to, int pieces, Range body) {
        if (pieces <= 1) {
            body.run(from, to);
            return;
        }
        int size = (to - from + pieces - 1) / pieces;
        IntStream.range(0, pieces).parallel().forEach(piece -> {
            int start = from + piece * size;
            body.run(start, Math.min(to, start + size));
        });
    }
}
