/**
 * The workbench as its clients (the Gogo commands, scripts, embedding platforms) see it: which services are
 * registered, and running a trajectory end to end from a data file to recorded checkpoints.
 */
@Export
@Version("1.6.0")
package org.biasflow.run;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
