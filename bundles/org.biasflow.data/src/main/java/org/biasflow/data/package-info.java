/**
 * Data for biasflow runs: reading and writing data files ({@link org.biasflow.data.DataFiles}), seeded synthetic
 * data sets ({@link org.biasflow.data.SyntheticData}), and the atomic file write that every bundle writing output
 * uses ({@link org.biasflow.data.AtomicFiles}), the removal of the folders they write
 * ({@link org.biasflow.data.Folders}), and what the bundles share about data and records: points that make data
 * inseparable ({@link org.biasflow.data.Inseparable}), a recorded data file read only while it holds the recorded
 * data ({@link org.biasflow.data.DataFiles#readRecorded}), and JSON values in words ({@link
 * org.biasflow.data.JsonValues}).
 *
 * <p>Plain classes called directly by the run engine and the shell commands; no services.
 */
@Export
@Version("1.7.0")
package org.biasflow.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
