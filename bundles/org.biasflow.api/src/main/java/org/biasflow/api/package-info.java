/**
 * The plug-in contract of biasflow.
 *
 * <p>Third parties implement {@link org.biasflow.api.Model}, {@link org.biasflow.api.Loss},
 * {@link org.biasflow.api.Integrator} and {@link org.biasflow.api.Analyzer} and publish them as OSGi services
 * carrying the properties named in {@link org.biasflow.api.ServiceProperties}. Everything exchanged between
 * them is a plain {@code double[]} or a value type of this package, so no implementation library leaks into the
 * contract.
 */
@Export
@Version("1.2.0")
package org.biasflow.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
