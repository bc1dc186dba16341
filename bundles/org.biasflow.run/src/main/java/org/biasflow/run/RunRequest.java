package org.biasflow.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.TargetLoss;

/**
 * One trajectory to run, as a user asks for it.
 *
 * @param data the data file (CSV or LIBSVM)
 * @param model the model service's name
 * @param spec depth, scale and shape
 * @param loss the loss service's name
 * @param targets the training losses at which to record checkpoints
 * @param output the folder for {@code checkpoints.csv}, {@code points.csv}, {@code parameters.csv} and
 *               {@code run.json}; {@code null} for a new folder under the configured output folder
 * @param integrator the integrator service's name; {@code null} for the configured default
 * @param options integrator settings passed through
 * @param parameters whether {@code parameters.csv} is written
 * @param overwrite whether an earlier run (or sweep) in {@code output} is replaced; without it such a folder is
 *                  refused. The earlier content stays whole until the new run has written its record.
 */
public record RunRequest(Path data, String model, ModelSpec spec, String loss, List<TargetLoss> targets,
        Path output, String integrator, Map<String, String> options, ParameterOutput parameters, boolean overwrite) {

    public RunRequest {
        targets = List.copyOf(targets);
        options = Map.copyOf(options);
        parameters = parameters == null ? ParameterOutput.AUTO : parameters;
    }

    /** A request that refuses an occupied output folder. */
    public RunRequest(Path data, String model, ModelSpec spec, String loss, List<TargetLoss> targets,
            Path output, String integrator, Map<String, String> options, ParameterOutput parameters) {
        this(data, model, spec, loss, targets, output, integrator, options, parameters, false);
    }

    /**
     * A request that writes the parameters when the network is small enough ({@link ParameterOutput#AUTO}) and
     * refuses an occupied output folder.
     */
    public RunRequest(Path data, String model, ModelSpec spec, String loss, List<TargetLoss> targets,
            Path output, String integrator, Map<String, String> options) {
        this(data, model, spec, loss, targets, output, integrator, options, ParameterOutput.AUTO, false);
    }
}
