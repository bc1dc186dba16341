package org.biasflow.report.internal;

import java.util.List;

/**
 * Where a column of one trajectory first crosses a level, measured at the flow's checkpoints: the crossing lies
 * between two consecutive checkpoints with finite values, and is estimated by interpolating the column linearly in
 * log10 ε between them. Checkpoints whose value is NaN are passed over.
 *
 * @param kind how the trajectory met the level
 * @param log10LossBefore log10 ε of the last checkpoint on the near side (NaN unless {@link Kind#CROSSED})
 * @param log10LossAfter log10 ε of the first checkpoint on the far side (NaN when there is none)
 * @param log10LossEstimate the interpolated log10 ε of the crossing (NaN unless {@link Kind#CROSSED})
 * @param log10LossDeepest the smallest log10 ε the trajectory reached (NaN for an empty one)
 */
record Crossing(Kind kind, double log10LossBefore, double log10LossAfter, double log10LossEstimate,
        double log10LossDeepest) {

    enum Kind {
        /** Between two checkpoints. */
        CROSSED,
        /** Already past the level at the first checkpoint with a value: it crossed at or before it. */
        AT_FIRST_CHECKPOINT,
        /** Never past the level at any checkpoint. */
        NOT_REACHED,
        /** No checkpoint has a value: the column is NaN throughout (or the trajectory has no checkpoints). */
        NO_VALUES
    }

    /** The side of the level the column must reach. */
    enum Direction {
        BELOW, ABOVE;

        boolean reached(double value, double level) {
            return this == BELOW ? value <= level : value >= level;
        }
    }

    /** One checkpoint: its achieved log10 ε and the column's value there. */
    record Checkpoint(double log10Loss, double value) {
    }

    /** The first crossing of {@code level} along the checkpoints, in the order the flow reached them. */
    static Crossing first(List<Checkpoint> checkpoints, Direction direction, double level) {
        double deepest = checkpoints.stream().mapToDouble(Checkpoint::log10Loss).min().orElse(Double.NaN);
        Checkpoint previous = null;
        for (Checkpoint checkpoint : checkpoints) {
            if (Double.isNaN(checkpoint.value())) {
                continue;
            }
            if (direction.reached(checkpoint.value(), level)) {
                if (previous == null) {
                    return new Crossing(Kind.AT_FIRST_CHECKPOINT, Double.NaN, checkpoint.log10Loss(), Double.NaN,
                            deepest);
                }
                double fraction = (level - previous.value()) / (checkpoint.value() - previous.value());
                double estimate = previous.log10Loss() + fraction * (checkpoint.log10Loss() - previous.log10Loss());
                return new Crossing(Kind.CROSSED, previous.log10Loss(), checkpoint.log10Loss(), estimate, deepest);
            }
            previous = checkpoint;
        }
        return new Crossing(previous == null ? Kind.NO_VALUES : Kind.NOT_REACHED, Double.NaN, Double.NaN, Double.NaN,
                deepest);
    }

    /** log10 ε of the first checkpoint past the level, or NaN when none is. */
    double reachedAt() {
        return log10LossAfter;
    }

    /** The crossing in words, e.g. "between 1e-10 and 1e-100 (≈ 1e-45.312)". */
    String describe() {
        return switch (kind) {
            case CROSSED -> "between 1e" + exponent(log10LossBefore) + " and 1e" + exponent(log10LossAfter)
                    + " (≈ 1e" + exponent(log10LossEstimate) + ")";
            case AT_FIRST_CHECKPOINT -> "at or before the first checkpoint, 1e" + exponent(log10LossAfter);
            case NOT_REACHED -> "not reached by 1e" + exponent(log10LossDeepest);
            case NO_VALUES -> "no values (NaN at every checkpoint)";
        };
    }

    /** log10 ε to three decimals, fine enough to tell the ends of a refined interval apart: "-2.667", "-100". */
    private static String exponent(double log10) {
        return java.math.BigDecimal.valueOf(log10).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }
}
