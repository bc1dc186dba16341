package org.biasflow.run;

/**
 * A registered biasflow service as users see it.
 *
 * @param kind model, loss, integrator or analyzer
 * @param name the name users type
 * @param description one line
 * @param bundle the symbolic name of the bundle that registered it
 * @param version that bundle's version
 */
public record ServiceInfo(String kind, String name, String description, String bundle, String version) {
}
