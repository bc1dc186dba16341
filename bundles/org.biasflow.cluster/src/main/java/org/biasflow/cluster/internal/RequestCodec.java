package org.biasflow.cluster.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.biasflow.api.ModelSpec;
import org.biasflow.api.TargetLoss;
import org.biasflow.run.ParameterOutput;
import org.biasflow.run.RunRequest;

/**
 * A trajectory's request as JDK types only, so that a task deserializes on any member whatever bundles it holds;
 * the data and output folder are the executing member's own.
 */
final class RequestCodec {

    private RequestCodec() {
    }

    static HashMap<String, Object> encode(RunRequest request) {
        HashMap<String, Object> encoded = new HashMap<>();
        encoded.put("model", request.model());
        ModelSpec spec = request.spec();
        encoded.put("depth", spec.depth());
        encoded.put("alpha", spec.alpha());
        encoded.put("shape", spec.shape());
        encoded.put("negativeShape", spec.negativeShape());
        encoded.put("seed", spec.seed());
        encoded.put("modelOptions", new HashMap<>(spec.options()));
        encoded.put("loss", request.loss());
        ArrayList<String> texts = new ArrayList<>();
        double[] log10s = new double[request.targets().size()];
        for (int i = 0; i < log10s.length; i++) {
            texts.add(request.targets().get(i).text());
            log10s[i] = request.targets().get(i).log10();
        }
        encoded.put("targets", texts);
        encoded.put("targetLog10s", log10s);
        encoded.put("integrator", request.integrator());
        encoded.put("options", new HashMap<>(request.options()));
        encoded.put("parameters", request.parameters().name());
        return encoded;
    }

    @SuppressWarnings("unchecked")
    static RunRequest decode(Map<String, Object> encoded, Path data, Path output) {
        ModelSpec spec = new ModelSpec((Integer) encoded.get("depth"), (Double) encoded.get("alpha"),
                (double[]) encoded.get("shape"), (double[]) encoded.get("negativeShape"), (Long) encoded.get("seed"),
                (Map<String, String>) encoded.get("modelOptions"));
        List<String> texts = (List<String>) encoded.get("targets");
        double[] log10s = (double[]) encoded.get("targetLog10s");
        List<TargetLoss> targets = new ArrayList<>();
        for (int i = 0; i < log10s.length; i++) {
            targets.add(new TargetLoss(texts.get(i), log10s[i]));
        }
        return new RunRequest(data, (String) encoded.get("model"), spec, (String) encoded.get("loss"), targets,
                output, (String) encoded.get("integrator"), (Map<String, String>) encoded.get("options"),
                ParameterOutput.valueOf((String) encoded.get("parameters")), false);
    }
}
