/**
 * Dense linear algebra shared by biasflow's integrators and analyzers: {@link org.biasflow.linalg.RowMatrix} (products
 * with a matrix stored row by row and its weighted Gram matrices, split over the cores),
 * {@link org.biasflow.linalg.KeptGram} (a weighted Gram matrix kept up to date as its weights drift),
 * {@link org.biasflow.linalg.DenseLu} (LU with partial pivoting), {@link org.biasflow.linalg.Cholesky}, and
 * {@link org.biasflow.linalg.StrictFunctions} (StrictMath's hyperbolic functions, expm1 and log1p, bit for bit, without
 * Java 17's native calls).
 *
 * <p>Why a bundle of our own rather than a library: at N = 1000, d = 10000 these kernels are most of a run's time,
 * and each output entry must be summed in an order that does not depend on the number of cores, so that a sweep on a
 * cluster gives the numbers of a local one bit for bit. The kernels here are written and measured for that
 * (docs/benchmarks.md); they are not a general matrix library.
 */
@Export
@Version("1.3.0")
package org.biasflow.linalg;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
