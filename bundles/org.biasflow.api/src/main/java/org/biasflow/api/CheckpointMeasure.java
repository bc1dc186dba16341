package org.biasflow.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Measures the checkpoints of one trajectory; see {@link Analyzer#prepare}. */
@ConsumerType
public interface CheckpointMeasure {

    /** The column names, in order; the same for every checkpoint. */
    java.util.List<String> columns();

    /**
     * One value per column for this checkpoint; NaN where a value is undefined.
     *
     * <p>Certificates (duality gaps, KKT residuals) are columns like any other, so a failed certificate is
     * visible next to the number it qualifies.
     */
    double[] measure(Checkpoint checkpoint);
}
