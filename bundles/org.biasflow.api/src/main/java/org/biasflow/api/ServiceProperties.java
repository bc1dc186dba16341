package org.biasflow.api;

/**
 * Service properties every biasflow service carries, so that users and {@code target} filters can select it,
 * e.g. {@code (&(biasflow.kind=loss)(biasflow.name=logistic))}.
 */
public final class ServiceProperties {
    /** The short name users type, such as {@code diagonal} or {@code exponential}; unique within a kind. */
    public static final String NAME = "biasflow.name";
    /** One of {@link #MODEL}, {@link #LOSS}, {@link #INTEGRATOR}, {@link #ANALYZER}. */
    public static final String KIND = "biasflow.kind";
    /** A one-line description shown by {@code bf:services}. */
    public static final String DESCRIPTION = "biasflow.description";

    /**
     * The options a model or integrator reads from a run's {@code --options}, one {@code key:type} entry each
     * (a String or String[] property), type one of {@link #COUNT}, {@link #NUMBER}, {@link #POSITIVE} or
     * {@link #TEXT}, or the values allowed separated by {@code |}, as in {@code linear-solver:auto|dense|krylov};
     * an empty value declares that the service reads none. A run refuses, before anything runs, a value that does
     * not fit its declared type and, when its model and integrator both declare their options, a key neither
     * declares. A service without this property (one built before it existed) may read any key.
     */
    public static final String OPTIONS = "biasflow.options";
    /** An option type: a whole number from 1 to 2147483647, written in digits. */
    public static final String COUNT = "count";
    /** An option type: a finite decimal number. */
    public static final String NUMBER = "number";
    /** An option type: a finite decimal number above 0. */
    public static final String POSITIVE = "positive";
    /** An option type: any text. */
    public static final String TEXT = "text";

    public static final String MODEL = "model";
    public static final String LOSS = "loss";
    public static final String INTEGRATOR = "integrator";
    public static final String ANALYZER = "analyzer";

    private ServiceProperties() {
    }
}
