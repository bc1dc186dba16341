package org.biasflow.data;

import org.biasflow.api.DataSet;

/** A synthetic data set together with a direction known to separate it. */
public final class GeneratedData {
    private final DataSet dataSet;
    private final double[] separator;

    GeneratedData(DataSet dataSet, double[] separator) {
        this.dataSet = dataSet;
        this.separator = separator.clone();
    }

    public DataSet dataSet() {
        return dataSet;
    }

    /**
     * A unit vector w with yₙ⟨w, xₙ⟩ &gt; 0 for every point: the normalized teacher of a sparse-teacher set, the
     * axis through the two centers of a two-clusters set.
     */
    public double[] separator() {
        return separator.clone();
    }
}
