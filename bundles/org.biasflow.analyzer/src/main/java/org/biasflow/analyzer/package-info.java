/**
 * The theory's reference predictors as plain Java: ℓ1 and ℓ2 max-margin solutions, the Q_μ minimizer of the
 * intermediate regime, and the training accuracies at which gradient flow reaches the rich and kernel regimes.
 *
 * <p>Every result carries a {@link org.biasflow.analyzer.Certificate}: feasibility and duality gap measured on the
 * full problem after the solve, so a result that is not optimal says so. Only {@code double[]}, the biasflow API
 * and the value types of this package appear in signatures.
 */
@Export
@Version("1.2.0")
package org.biasflow.analyzer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
