package org.biasflow.run.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "biasflow run defaults",
        description = "Settings bf:run uses when the command line leaves them out.")
@interface RunDefaults {

    @AttributeDefinition(description = "Name of the integrator service used when none is named.")
    String integrator() default "bdf";

    @AttributeDefinition(description = "Relative local error tolerance of error-controlled integrators, from "
            + RunChecks.SMALLEST_RELATIVE_TOLERANCE + " (the smallest doubles can keep) to below 1.",
            min = RunChecks.SMALLEST_RELATIVE_TOLERANCE)
    double relativeTolerance() default 1e-10;

    @AttributeDefinition(description = "Absolute local error tolerance of error-controlled integrators.")
    double absoluteTolerance() default 1e-12;

    @AttributeDefinition(description = "Folder under which runs without --out get a new folder of their own.")
    String outputFolder() default "runs";
}
