/** The benchmark of the integrators this bundle provides, for a shell command to run. */
@Export
@Version("1.2.0")
package org.biasflow.integrator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
