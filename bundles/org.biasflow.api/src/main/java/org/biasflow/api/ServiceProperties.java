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

    public static final String MODEL = "model";
    public static final String LOSS = "loss";
    public static final String INTEGRATOR = "integrator";
    public static final String ANALYZER = "analyzer";

    private ServiceProperties() {
    }
}
